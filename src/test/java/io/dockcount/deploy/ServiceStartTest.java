package io.dockcount.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the service the way the unit does: the unit's own ExecStart line (JVM options included),
 * the shipped {@code dockcount.conf} and production {@code logback.xml}, with /var/lib, /var/log
 * and /etc moved into a temp dir. Then stops it with SIGTERM, as systemd does.
 *
 * <p>This catches what {@code systemd-analyze verify} cannot: a JVM option the JVM refuses, a
 * production logging config that does not load, a shipped config the service rejects, and an
 * exit status after SIGTERM that systemd would count as a failure.
 */
final class ServiceStartTest {
  private static final Path JAR = Path.of("target", "dockcount.jar");
  private static final Pattern EXEC_START =
      Pattern.compile("^ExecStart=((?:.*\\\\\\n)*.*)$", Pattern.MULTILINE);

  @TempDir Path dir;

  /** Moves the unit's absolute paths into the temp dir. */
  private String relocate(String text) {
    return text.replace("/var/lib/dockcount", dir.resolve("state").toString())
        .replace("/var/log/dockcount", dir.resolve("log").toString())
        .replace("/etc/dockcount", dir.resolve("etc").toString())
        .replace("/usr/share/dockcount/dockcount.jar", JAR.toAbsolutePath().toString())
        .replace("/usr/bin/java", Path.of(System.getProperty("java.home"), "bin", "java")
            .toString());
  }

  /** The unit's ExecStart as arguments ({@code %%} is systemd's escape for {@code %}). */
  private List<String> execStart() throws IOException {
    Matcher m = EXEC_START.matcher(Files.readString(SystemdUnitTest.UNIT));
    assertTrue(m.find(), "no ExecStart in the unit");
    String line = m.group(1).replace("\\\n", " ").replace("%%", "%");
    List<String> args = new ArrayList<>();
    for (String word : relocate(line).trim().split("\\s+")) {
      args.add(word);
    }
    return args;
  }

  private void prepareDirs() throws IOException {
    Files.createDirectories(dir.resolve("state/tmp"));
    Files.createDirectories(dir.resolve("state/inbox"));
    Files.createDirectories(dir.resolve("log"));
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/dockcount.conf"),
        relocate(Files.readString(Path.of("systemd", "dockcount.conf"))));
    Files.writeString(dir.resolve("etc/logback.xml"),
        relocate(Files.readString(Path.of("systemd", "logback.xml"))));
    Files.writeString(dir.resolve("state/inbox/book.csv"),
        "sku,location,book_qty\n0012345,A-01-01,12\n0012345,B-02-01,3\n");
    Files.writeString(dir.resolve("state/inbox/items.csv"), "sku,unit_cost\n0012345,2.50\n");
    Files.writeString(dir.resolve("state/inbox/uom.csv"), "sku,uom,qty_per_uom\n0012345,CS,12\n");
    Files.writeString(dir.resolve("state/inbox/barcodes.csv"),
        "barcode,sku,uom\n15412345000010,0012345,CS\n");
  }

  @Test
  void unitCommandLine_startsOnTheShippedConfig_andStopsCleanlyOnSigterm() throws Exception {
    assumeTrue(Files.isRegularFile(JAR), JAR + " is not built: run `mvn -B package -DskipTests`"
        + " first (.ci/run does)");
    prepareDirs();
    List<String> command = execStart();

    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    CompletableFuture<String> running = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          if (line.startsWith("dockcount: running;")) {
            running.complete(line);
          }
        }
        running.completeExceptionally(new AssertionError("ended before running"));
      } catch (IOException e) {
        running.completeExceptionally(new UncheckedIOException(e));
      }
    }, "service-output");
    reader.start();
    String started;
    int exit;
    try {
      started = running.get(90, TimeUnit.SECONDS);
    } finally {
      p.destroy(); // SIGTERM, as systemd's KillSignal
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    exit = p.waitFor();
    reader.join(10_000);
    String out;
    synchronized (output) {
      out = output.toString();
    }

    assertTrue(started.contains("book 2 lines"), started);
    assertTrue(Set.of(0, 143).contains(exit), "exit " + exit + " after SIGTERM; the unit counts"
        + " only 0 and 143 as clean:\n" + out);
    assertFalse(out.contains("ERROR in ch.qos.logback"), "logback.xml did not load:\n" + out);
    assertTrue(command.contains("-Djava.io.tmpdir=" + dir.resolve("state/tmp")),
        command.toString());
    assertTrue(Files.exists(dir.resolve("state/dockcount.mv.db")), "store under the state dir");
    String log = Files.readString(dir.resolve("log/dockcount.log"));
    assertTrue(log.contains("book snapshot"), "rolling log file:\n" + log);
    assertEquals(List.of(), hsErrFiles(), "the JVM crashed");
  }

  private List<Path> hsErrFiles() throws IOException {
    try (var files = Files.list(dir.resolve("log"))) {
      return files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList();
    }
  }
}
