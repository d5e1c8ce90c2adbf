package io.dockcount.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dockcount.app.Service;
import io.dockcount.app.ServiceSettings;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service starts the WMS sync from dockcount.wms: a file waiting in the inbox is taken. */
final class ServiceWiringTest {
  @TempDir Path dir;

  @Test
  void serviceWithFileDrop_takesWaitingFileAtStart_asSnapshotForItsZone() throws Exception {
    Path inbox = dir.resolve("inbox");
    Files.createDirectories(inbox);
    Files.writeString(inbox.resolve("book-1.csv"), "sku,location,book_qty\n00913,A-01-02-B,7\n");
    Files.createFile(inbox.resolve("book-1.csv.done"));
    Config config = ConfigFactory.parseMap(Map.of(
        "dockcount.store.path", dir.resolve("db/dockcount").toString(),
        "dockcount.backup.dir", dir.resolve("backup").toString(),
        "dockcount.wms.file-drop.inbox", inbox.toString(),
        "akka.loglevel", "WARNING")).withFallback(ConfigFactory.load()).resolve();
    ServiceSettings settings = ServiceSettings.from(config, LocationScheme.dashed(),
        RecountPolicy.standard());
    Service service = Service.start(settings, config, WmsFixture.FIRST, "start-up files",
        "first", line -> { });
    try {
      Path processed = inbox.resolve("processed/book-1.csv");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.exists(processed) && System.nanoTime() < deadline) {
        // Poll the file system for the move; the service's own thread does the work. (Not by
        // completeOnTimeout on the system's termination future, which completes it early: the
        // service then stopped after this test, its log and store writes in the next one.)
        Thread.sleep(50);
      }
      assertTrue(Files.exists(processed), "the waiting file was not taken within 30s");
      String url = "jdbc:h2:file:" + dir.resolve("db/dockcount").toAbsolutePath()
          + ";DB_CLOSE_ON_EXIT=FALSE";
      try (var c = java.sql.DriverManager.getConnection(url, "sa", "");
          var st = c.createStatement();
          var rs = st.executeQuery("SELECT i.zones, s.line_count FROM wms_import i JOIN "
              + "book_snapshot s ON s.id = i.snapshot_id")) {
        assertTrue(rs.next());
        // Zone A's line came from the drop; zone B's line was kept from the start-up book.
        assertEquals("A", rs.getString(1));
        assertEquals(2, rs.getInt(2));
        assertTrue(!rs.next(), "one delivery, one snapshot");
      }
    } finally {
      service.stop();
    }
  }
}
