package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code reconcile} on the dataset in {@code src/test/resources/golden/input} and compares
 * every report, byte for byte, with {@code golden/expected} (checked by hand: see the README
 * there).
 */
final class GoldenFilesTest {
  @TempDir Path dir;

  private static Path golden(String part) {
    try {
      return Path.of(GoldenFilesTest.class.getResource("/golden/" + part).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private Workspace.Run reconcile(Path out, Path counts) {
    Path in = golden("input");
    return Workspace.run(out, "reconcile", "--book", in.resolve("book.csv").toString(),
        "--counts", counts.toString(), "--uom", in.resolve("uom.csv").toString(),
        "--items", in.resolve("items.csv").toString(), "--out", out.toString());
  }

  private static Map<String, String> files(Path d) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (var list = Files.list(d)) {
      for (Path p : list.toList()) {
        m.put(p.getFileName().toString(),
            new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    return m;
  }

  @Test
  void reconcile_goldenInputs_everyReportByteForByte() throws IOException {
    Path out = dir.resolve("out");

    Workspace.Run run = reconcile(out, golden("input/counts.csv"));

    assertEquals(0, run.exitCode(), run.stderr());
    Map<String, String> expected = files(golden("expected"));
    Map<String, String> actual = files(out);
    assertEquals(expected.keySet(), actual.keySet());
    for (String name : expected.keySet()) {
      assertEquals(expected.get(name), actual.get(name), name);
    }
    String summary = Files.readString(golden("expected/summary.json"));
    assertTrue(run.stdout().contains("Rejected input rows: 7 (see exceptions.csv)"));
    assertTrue(summary.contains("\"rejected_rows\": 7"));
  }

  @Test
  void reconcile_goldenInputsTwice_identicalBytes() throws IOException {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");

    Workspace.Run a = reconcile(first, golden("input/counts.csv"));
    Workspace.Run b = reconcile(second, golden("input/counts.csv"));

    assertEquals(files(first), files(second));
    assertEquals(a.stdout().replace(first.toString(), ""),
        b.stdout().replace(second.toString(), ""));
  }

  @Test
  void reconcile_goldenWithCountsFileMissing_exit2OneLineNoReports() {
    Path out = dir.resolve("out");

    Workspace.Run run = reconcile(out, dir.resolve("no-such-counts.csv"));

    assertEquals(2, run.exitCode());
    assertEquals(List.of("dockcount: " + dir.resolve("no-such-counts.csv")
        + ": no such file (--counts)"), run.stderr().lines().toList());
    assertTrue(Files.notExists(out));
  }

  @Test
  void reconcile_goldenWithCountColumnRenamed_exit2OneLineNoReports() throws IOException {
    Path out = dir.resolve("out");
    String counts = Files.readString(golden("input/counts.csv"), StandardCharsets.UTF_8);
    Path renamed = Files.writeString(dir.resolve("counts.csv"),
        counts.replaceFirst("count_uom", "unit"), StandardCharsets.UTF_8);

    Workspace.Run run = reconcile(out, renamed);

    assertEquals(2, run.exitCode());
    List<String> err = run.stderr().lines().toList();
    assertEquals(1, err.size(), run.stderr());
    assertTrue(err.get(0).startsWith("dockcount: counts.csv: no column 'count_uom' for "
        + "counts.count_uom"), err.get(0));
    assertTrue(Files.notExists(out));
  }
}
