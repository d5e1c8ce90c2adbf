package io.dockcount.cli;

import static io.dockcount.cli.SiteService.ask;
import static io.dockcount.cli.SiteService.pull;
import static io.dockcount.cli.SiteService.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.pattern.StatusReply;
import ch.qos.logback.classic.Level;
import io.dockcount.app.Service;
import io.dockcount.core.CountRecord;
import io.dockcount.scan.LogCapture;
import io.dockcount.wms.MovementLog;
import io.dockcount.wms.SnapshotManager;
import io.dockcount.wms.WmsSync;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written before migration V19 (no wms_movement.reported_at, no wms_absent_zone), with a
 * movement not applicable already logged by the old version: the first start after the upgrade
 * migrates it and logs that movement once more (the old store never recorded that it was
 * logged), and the starts after it do not.
 */
final class WmsUpgradeTest {
  @TempDir Path dir;

  @Test
  void storeFromBeforeV19_firstStartLogsOldMovementOnce_laterStartsDoNot() throws Exception {
    Service service = start(conf());
    try {
      count(service, "A-01-01-A", "0101", 5);
      pull(service);
      Path inbox = dir.resolve("inbox");
      Files.createDirectories(inbox);
      write(inbox.resolve("movements-001.csv"), "movement_id,sku,location,qty,moved_at\n"
          + "M1,0101,A-01-01-A,3," + OffsetDateTime.now().plusSeconds(1) + "\n");
      Files.createFile(inbox.resolve("movements-001.csv.done"));
      List<SnapshotManager.Outcome> pulled = pull(service);
      assertTrue(pulled.stream().allMatch(WmsSync::ok), pulled::toString);
    } finally {
      service.stop();
    }
    backToV18();

    // per start: lines naming M1, lines saying how many are known not applicable
    assertEquals(List.of(List.of(1L, 0L), List.of(0L, 1L), List.of(0L, 1L)),
        List.of(startAndCountM1(), startAndCountM1(), startAndCountM1()));
  }

  /** Starts, pulls, stops; returns the WARN lines naming movement M1, then the summaries. */
  private List<Long> startAndCountM1() throws Exception {
    try (LogCapture sync = new LogCapture(WmsSync.class);
        LogCapture log = new LogCapture(MovementLog.class)) {
      Service service = start(conf());
      try {
        pull(service);
      } finally {
        service.stop();
      }
      return List.of(sync.messages(Level.WARN).stream().filter(l -> l.contains("movement M1 "))
          .count(), log.messages(Level.WARN).stream()
          .filter(l -> l.startsWith("wms: 1 movement known not applicable")).count());
    }
  }

  /** Takes the store back to the schema the release before V19 wrote, keeping its rows. */
  private void backToV18() throws Exception {
    try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:"
        + dir.resolve("db/dockcount").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        var st = c.createStatement()) {
      st.execute("ALTER TABLE wms_movement DROP COLUMN reported_at");
      st.execute("DROP TABLE wms_absent_zone");
      assertEquals(1, st.executeUpdate(
          "DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '19'"));
    }
  }

  private void count(Service service, String location, String sku, long eaches)
      throws Exception {
    CountRecord r = new CountRecord("DOCK-1", "E001", location, sku, "EA",
        BigDecimal.valueOf(eaches), eaches, "", "QTY:" + eaches, 1);
    StatusReply<Zone.CountRecorded> ack = ask(service, service.router(),
        to -> new ZoneRouter.Route(new Zone.RecordCount(r, to)));
    assertTrue(ack.isSuccess(), () -> location + ": " + ack);
    StatusReply<Zone.LocationChanged> closed = ask(service, service.router(),
        to -> new ZoneRouter.Route(new Zone.CloseLocation(location, "E001", to)));
    assertTrue(closed.isSuccess(), () -> location + ": " + closed);
  }

  private Path conf() throws IOException {
    write(dir.resolve("book.csv"), "sku,location,book_qty\n0101,A-01-01-A,5\n");
    write(dir.resolve("items.csv"), "sku,unit_cost\n0101,1.25\n");
    return SiteService.siteConf(dir, SiteService.fileDrop(dir));
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
