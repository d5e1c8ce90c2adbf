package io.dockcount.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dockcount.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RunConfigTest {
  @TempDir Path dir;

  @Test
  void run_badWmsSetting_exits2BeforeOpeningAnything() throws Exception {
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, "dockcount.store.path = \"" + dir.resolve("db/dockcount")
        + "\"\ndockcount.wms.export.mode = sql\n");

    int code = Main.run("run", "--config", conf.toString());

    assertEquals(2, code);
    assertEquals(false, Files.exists(dir.resolve("db")));
  }

  @Test
  void run_misspeltKey_exits2BeforeOpeningAnything() throws Exception {
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, "dockcount.store.path = \"" + dir.resolve("db/dockcount")
        + "\"\ndockcount.console.prot = 18080\n");

    int code = Main.run("run", "--config", conf.toString());

    assertEquals(2, code, "a console on the default port instead of the one meant is no start");
    assertEquals(false, Files.exists(dir.resolve("db")));
  }

  @Test
  void run_misspeltTopLevelKey_exits2NamingItBeforeOpeningAnything() throws Exception {
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, "dockcount.store.path = \"" + dir.resolve("db/dockcount")
        + "\"\ndokcount.cycle.interval = 5m\n");
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Main.run("run", "--config", conf.toString());
    } finally {
      System.setErr(oldErr);
    }

    // Every setting under the misspelt root would be left at its default without a word.
    assertEquals(2, code);
    assertEquals(false, Files.exists(dir.resolve("db")));
    assertEquals(List.of("dockcount: " + conf + ": 2: dokcount is not a dockcount setting "
        + "(misspelt?): every key starts with dockcount. (e.g. dockcount.cycle.interval)"),
        err.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void run_withoutConfig_exits2SayingTheSiteFileIsWhatIsMissing() {
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Main.run("run");
    } finally {
      System.setErr(oldErr);
    }

    assertEquals(2, code);
    assertEquals(List.of("dockcount: dockcount.inputs.book is not set: the service needs a "
        + "book file, or a WMS source (dockcount.wms) that delivers one; no --config was given: "
        + "run --config FILE (the site's settings, /etc/dockcount/dockcount.conf on the Pi)"),
        err.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void run_bookPathADirectoryOrMissing_exits2NamingTheSettingWithoutAStackTrace()
      throws Exception {
    Path folder = Files.createDirectories(dir.resolve("inbox"));
    Path conf = dir.resolve("site.conf");
    Path gone = dir.resolve("gone.conf");
    Files.writeString(conf, "dockcount.store.path = \"" + dir.resolve("db/dockcount")
        + "\"\ndockcount.inputs.book = \"" + folder + "\"\n");
    Files.writeString(gone, "dockcount.store.path = \"" + dir.resolve("db/dockcount")
        + "\"\ndockcount.inputs.book = \"" + folder.resolve("book.csv") + "\"\n");
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int directory;
    int missing;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      directory = Main.run("run", "--config", conf.toString());
      missing = Main.run("run", "--config", gone.toString());
    } finally {
      System.setErr(oldErr);
    }

    assertEquals(2, directory);
    assertEquals(2, missing);
    assertEquals(false, Files.exists(dir.resolve("db")));
    assertEquals(List.of(
        "dockcount: dockcount.inputs.book: " + folder + ": a directory, not a file",
        "dockcount: dockcount.inputs.book: " + folder.resolve("book.csv") + ": no such file"),
        err.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void run_bookRowUnreadable_exits2NamingItBeforeOpeningAnything() throws Exception {
    Path book = dir.resolve("book.csv");
    Files.writeString(book, "sku,location,book_qty\nA,C-01-01-A,12\nB,C-01-01-B,twelve\n");
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, "dockcount.store.path = \"" + dir.resolve("db/dockcount")
        + "\"\ndockcount.inputs.book = \"" + book + "\"\n");
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Main.run("run", "--config", conf.toString());
    } finally {
      System.setErr(oldErr);
    }

    // Left off the book, B's line would read as stock found where the book has none.
    assertEquals(2, code);
    assertEquals(false, Files.exists(dir.resolve("db")));
    assertEquals(List.of(
        "dockcount: book.csv:3: book_qty 'twelve' is not a plain number: not a number",
        "dockcount: " + book + ": 1 book row(s) could not be read (listed above): a line left off "
            + "the book would read as stock found where the book has none; correct the file and "
            + "start again"), err.toString(StandardCharsets.UTF_8).lines().toList());
  }
}
