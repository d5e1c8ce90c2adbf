package io.dockcount.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with a planned restart due at once: the service stops by itself through the same
 * clean stop as a SIGTERM (its store closed and compacted) and exits 75, the code the systemd
 * unit starts again.
 */
final class PlannedRestartRunTest {
  @Test
  void restartDue_serviceStopsCleanlyByItselfWithExit75(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("book.csv"), "sku,location,book_qty\n0777,A-01-03-A,10\n");
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, String.join("\n",
        "dockcount.store.path = \"" + dir.resolve("dockcount") + "\"",
        "dockcount.store { restart-after = 2s, restart-idle = 1s,"
            + " restart-hours = \"00:00-24:00\" }",
        "dockcount.backup.dir = \"" + dir.resolve("backup") + "\"",
        "dockcount.inputs.book = \"" + dir.resolve("book.csv") + "\"",
        "dockcount.console.enabled = false",
        "akka.loglevel = WARNING", ""));
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), "io.dockcount.cli.Main",
        "run", "--config", conf.toString())
        .redirectErrorStream(true).start();
    List<String> out = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          out.add(line);
        }
      } catch (java.io.IOException e) {
        // the child ended; what it printed is kept
      }
    }, "child-output");
    reader.setDaemon(true);
    reader.start();

    boolean ended = child.waitFor(90, TimeUnit.SECONDS);
    if (!ended) {
      child.destroyForcibly();
    }
    reader.join(5_000);

    String printed = String.join("\n", out);
    assertTrue(ended, "the service did not stop by itself; printed:\n" + printed);
    assertEquals(PlannedRestart.EXIT_CODE, child.exitValue(), printed);
    assertTrue(out.stream().anyMatch(l -> l.contains("planned restart: the service has run ")
        && l.contains("no scan has come in for ")), printed);
    assertTrue(out.stream().anyMatch(l -> l.contains(dir.resolve("dockcount.mv.db") + ": closed "
        + "and compacted")), "the store is compacted at the stop, as at a SIGTERM:\n" + printed);
    assertTrue(out.get(out.size() - 1).startsWith("dockcount: stopped for its planned restart"),
        printed);
  }
}
