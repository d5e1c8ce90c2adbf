package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} refuses a bad station block before anything starts, naming the station. */
final class RunCommandStationsTest {
  @Test
  void stationWithDeviceAndUsb_exits2_namingTheStation(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("book.csv"), "sku,location,book_qty\n0777,A-01-03-A,10\n");
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, String.join("\n",
        "dockcount.store.path = \"" + dir.resolve("db") + "\"",
        "dockcount.inputs.book = \"" + dir.resolve("book.csv") + "\"",
        "dockcount.stations.DOCK-1 { zone = A, device = \"/dev/ttyACM0\",",
        "  usb { vendor-id = \"0x1eab\", product-id = \"0x1a03\" } }", ""));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream before = System.err;

    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = Main.run("run", "--config", conf.toString());
    } finally {
      System.setErr(before);
    }

    assertEquals(2, exit);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(
        "dockcount: config: station DOCK-1: set exactly one of 'device' and 'usb'"), err::toString);
    assertTrue(Files.notExists(dir.resolve("db.mv.db")), "nothing was started");
  }
}
