package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} stops at start on bad service settings, saying every one of them. */
final class RunCommandServiceSettingsTest {
  @Test
  void twoBadServiceSettings_exit2_bothSaid_nothingStarted(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("book.csv"), "sku,location,book_qty\n0777,A-01-03-A,10\n");
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, String.join("\n",
        "dockcount.store.path = \"" + dir.resolve("db") + "\"",
        "dockcount.inputs.book = \"" + dir.resolve("book.csv") + "\"",
        "dockcount.cycle.interval = 0s",
        "dockcount.ask-timeout = 0s", ""));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = run(conf, err);

    assertEquals(2, exit);
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.startsWith("dockcount: config: ")).toList();
    assertEquals(List.of(
        "dockcount: config: " + conf.toAbsolutePath() + ": 3: dockcount.cycle.interval must be "
            + "longer than 0, was PT0S",
        "dockcount: config: " + conf.toAbsolutePath() + ": 4: dockcount.ask-timeout must be "
            + "longer than 0, was PT0S"), lines, err::toString);
    assertTrue(Files.notExists(dir.resolve("db.mv.db")), "nothing was started");
  }

  @Test
  void decimalCommaDeclared_startUpBookReadWithIt_aDotGroupingNoThousandsStopsTheStart(
      @TempDir Path dir) throws Exception {
    // 1.0 with a decimal point is one; with the site's decimal comma it is no number at all.
    Files.writeString(dir.resolve("book.csv"), "sku;location;book_qty\n0777;A-01-03-A;1.0\n");
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, String.join("\n",
        "dockcount.store.path = \"" + dir.resolve("db") + "\"",
        "dockcount.inputs.book = \"" + dir.resolve("book.csv") + "\"",
        "dockcount.reconcile.decimal-comma = true", ""));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = run(conf, err);

    assertEquals(2, exit, err::toString);
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("dockcount: book.csv:2: "
        + "book_qty '1.0' is not a plain number: a dot that does not group thousands (1.234,5) "
        + "in a number with a decimal comma (dockcount.reconcile.decimal-comma = true)\n"),
        err::toString);
    assertTrue(Files.notExists(dir.resolve("db.mv.db")), "nothing was started");
  }

  /** Runs {@code run --config conf}, its standard error into {@code err}; returns the exit. */
  private static int run(Path conf, ByteArrayOutputStream err) {
    PrintStream before = System.err;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return Main.run("run", "--config", conf.toString());
    } finally {
      System.setErr(before);
    }
  }
}
