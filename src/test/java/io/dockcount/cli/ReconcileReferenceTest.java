package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test: random small workloads (src/test/resources/reference/workload.py) go
 * through {@code reconcile} and through an independent Python reading of the README's rules
 * (reconcile_reference.py), and every report must agree: recon.csv cell by cell, the recount
 * tasks and their order, the rejected rows and the summary's figures.
 *
 * <p>A fixed seed keeps CI's run the same each time. For a long hunt, give more cases and
 * another seed: {@code -Ddockcount.reference.cases=3000 -Ddockcount.reference.seed=7}, and
 * {@code -Ddockcount.reference.dir=/tmp/cases} to keep the cases to look at.
 * {@code -Ddockcount.reference.features=formats,columns} narrows the inputs to those shapes
 * (workload.py lists them; an empty value gives the plain files of before), to tell which
 * one a disagreement needs.
 */
final class ReconcileReferenceTest {
  private static final int CASES = Integer.getInteger("dockcount.reference.cases", 80);
  private static final int SEED = Integer.getInteger("dockcount.reference.seed", 70);

  @TempDir Path tmp;

  @Test
  void reconcile_seededRandomWorkloads_agreeWithTheReference() throws Exception {
    String python = python();
    assumeTrue(python != null, "python3 is not installed: the differential test is skipped");
    String keep = System.getProperty("dockcount.reference.dir");
    Path cases = keep == null ? tmp : Path.of(keep);
    Path scripts = scripts();

    List<String> generate = new ArrayList<>(List.of(python,
        scripts.resolve("workload.py").toString(), "--seed", Integer.toString(SEED),
        "--cases", Integer.toString(CASES), "--out", cases.toString()));
    String features = System.getProperty("dockcount.reference.features");
    if (features != null) {
      generate.addAll(List.of("--features", features));
    }
    Outcome made = exec(generate);
    assertEquals(0, made.code(), made.output());
    List<String> dirs = new ArrayList<>();
    try (Stream<Path> list = Files.list(cases)) {
      for (Path c : list.filter(Files::isDirectory).sorted().toList()) {
        reconcile(c);
        dirs.add(c.toString());
      }
    }
    List<String> check = new ArrayList<>(List.of(python,
        scripts.resolve("reconcile_reference.py").toString()));
    check.addAll(dirs);
    Outcome compared = exec(check);

    assertEquals(CASES, dirs.size());
    assertEquals(0, compared.code(), compared.output());
  }

  private static void reconcile(Path c) throws IOException {
    List<String> args = new ArrayList<>(List.of("reconcile",
        "--book", c.resolve("book.csv").toString(),
        "--counts", c.resolve("counts.csv").toString(),
        "--uom", c.resolve("uom.csv").toString(),
        "--items", c.resolve("items.csv").toString(),
        "--config", c.resolve("site.conf").toString(),
        "--out", c.resolve("out").toString()));
    args.addAll(Files.readAllLines(c.resolve("options.txt"), StandardCharsets.UTF_8));
    Workspace.Run run = Workspace.run(c.resolve("out"), args.toArray(String[]::new));
    // Exit 3 (every book or count row rejected) still writes the reports to compare.
    if (run.exitCode() != 0 && run.exitCode() != 3) {
      throw new AssertionError(c + ": exit " + run.exitCode() + ": " + run.stderr());
    }
  }

  private static Path scripts() throws URISyntaxException {
    return Path.of(ReconcileReferenceTest.class.getResource("/reference/workload.py").toURI())
        .getParent();
  }

  /** The python3 to run, or null when there is none. */
  private static String python() {
    for (String candidate : List.of("/usr/bin/python3", "python3")) {
      try {
        if (exec(List.of(candidate, "--version")).code() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // Not installed under this name: try the next.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  private record Outcome(int code, String output) {}

  private static Outcome exec(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
