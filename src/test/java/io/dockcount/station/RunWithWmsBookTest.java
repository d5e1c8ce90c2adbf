package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.scan.SocatPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dockcount run} with no start-up book file and a WMS file drop: it starts, a location
 * label is refused until the WMS delivers a book, then counting goes on.
 */
@Timeout(120)
final class RunWithWmsBookTest {
  @Test
  void noStartUpBook_labelsRefusedUntilTheWmsDeliversOne_thenCounted(@TempDir Path dir)
      throws Exception {
    SocatPair.assumeSocat();
    Files.createDirectories(dir.resolve("pty"));
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    try (SocatPair scanner = new SocatPair(dir.resolve("pty")).plugIn()) {
      Files.writeString(dir.resolve("barcodes.csv"),
          "barcode,sku,uom\n00000000007771,0777,EA\n");
      Path conf = Files.writeString(dir.resolve("site.conf"), String.join("\n",
          "dockcount.store.path = \"" + dir.resolve("dockcount") + "\"",
          "dockcount.backup.dir = \"" + dir.resolve("backup") + "\"",
          "dockcount.inputs.barcodes = \"" + dir.resolve("barcodes.csv") + "\"",
          "dockcount.wms.file-drop { inbox = \"" + inbox + "\", poll-interval = 200ms }",
          "dockcount.stations.DOCK-1 { zone = A, device = \"" + scanner.hostEnd() + "\" }",
          "dockcount.counting { print-feedback = true, gpio = mock }",
          "dockcount.console.enabled = false",
          "akka.loglevel = WARNING", ""));
      Process run = StationCrashTest.start(conf, dir.resolve("run.err"));
      try {
        StationCrashTest.Lines out = new StationCrashTest.Lines(run);
        out.awaitRunning();
        scanner.send("BADGE:E042\rLOC:A-01-03-A\r");
        out.nextFeedback(); // the badge
        String[] before = out.nextFeedback();

        Files.writeString(inbox.resolve("book-1.csv"), "sku,location,book_qty\n"
            + "0777,A-01-03-A,2\n");
        Files.createFile(inbox.resolve("book-1.csv.done"));
        String[] label = before;
        for (int i = 0; i < 100 && !label[3].equals("GOOD"); i++) {
          Thread.sleep(200);
          scanner.send("LOC:A-01-03-A\r");
          label = out.nextFeedback();
        }
        scanner.send("]C10100000000007771\r");
        String[] counted = out.nextFeedback();

        assertEquals("BAD", before[3], String.join(" ", before));
        assertTrue(before[6].contains("zone A"), String.join(" ", before));
        assertEquals("GOOD", label[3], String.join(" ", label));
        assertEquals("GOOD", counted[3], String.join(" ", counted));
        assertEquals("COUNT", counted[4]);
      } finally {
        run.destroy();
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
      }
    }
  }
}
