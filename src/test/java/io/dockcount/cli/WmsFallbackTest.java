package io.dockcount.cli;

import static io.dockcount.cli.SiteService.ask;
import static io.dockcount.cli.SiteService.pull;
import static io.dockcount.cli.SiteService.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.pattern.StatusReply;
import io.dockcount.alert.Alert;
import io.dockcount.app.Service;
import io.dockcount.core.CountRecord;
import io.dockcount.store.MasterData;
import io.dockcount.wms.SnapshotManager;
import io.dockcount.wms.WmsSync;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service started on the start-up files' book because the stored WMS book could not be read:
 * what other deliveries and restarts do to the zones still on that fallback.
 */
final class WmsFallbackTest {
  private static final String BOOK_A = "sku,location,book_qty\n0101,A-01-01-A,9\n"
      + "0102,A-01-02-A,7\n";

  @TempDir Path dir;
  private int drops;

  /**
   * After the fallback, an items file comes before the WMS sends zone A's book again: the book
   * sent again must still be taken in (it is what repairs zone A), not skipped as a repeat of
   * the unreadable snapshot.
   */
  @Test
  void fallback_itemsDeliveredFirst_sameBookAgainStillTakenIn() throws Exception {
    damagedAfterDelivery();
    Service service = start(conf());
    try {
      assertTrue(onBook(service.master(), "A-01-01-A", 5), "on the start-up book first");

      drop(service, "items", "sku,unit_cost\n0101,1.30\n0102,2.00\n");
      List<SnapshotManager.Outcome> again = drop(service, "book", BOOK_A);

      SnapshotManager.Applied a = takenFor("A", again);
      assertTrue(onBook(a.master(), "A-01-01-A", 9), () -> "zone A's book: "
          + a.master().book());
    } finally {
      service.stop();
    }
  }

  /**
   * Two zones' books came by two files; the newest snapshot (which holds both) is damaged. Zone
   * B's book sent again does not end the fallback of zone A: A's book sent again is taken in.
   */
  @Test
  void fallback_otherZoneDeliveredFirst_zoneAStillTakesItsBookAgain() throws Exception {
    writeStartUpFiles();
    long newest;
    Service service = start(conf());
    try {
      drop(service, "book", BOOK_A);
      newest = applied(drop(service, "book", "sku,location,book_qty\n0101,B-01-01-A,3\n"));
    } finally {
      service.stop();
    }
    deleteBlock(newest);

    Service restarted = start(conf());
    try {
      drop(restarted, "book", "sku,location,book_qty\n0101,B-01-01-A,3\n");
      List<SnapshotManager.Outcome> again = drop(restarted, "book", BOOK_A);

      SnapshotManager.Applied a = takenFor("A", again);
      assertTrue(onBook(a.master(), "A-01-01-A", 9) && onBook(a.master(), "B-01-01-A", 3),
          () -> "the book: " + a.master().book());
    } finally {
      restarted.stop();
    }
  }

  /**
   * Two restarts in a row on the same unreadable stored book, the WMS silent between them:
   * inventory control is alerted once (the condition has not cleared); the second start still
   * says it in the status.
   */
  @Test
  void unreadableBook_twoRestartsInARow_alertedOnce_statusSaysItEachTime() throws Exception {
    damagedAfterDelivery();
    List<Alert> first = new CopyOnWriteArrayList<>();
    Service service = start(conf(), first::add);
    try {
      pull(service);
    } finally {
      service.stop();
    }
    List<Alert> second = new CopyOnWriteArrayList<>();
    Service again = start(conf(), second::add);
    try {
      SnapshotManager.Outcome restore = SiteService.ask(again, SiteService.ask(again,
          again.system(), io.dockcount.app.Guardian.GetWms::new).orElseThrow(),
          WmsSync.GetStatus::new).lastBySource().get(SnapshotManager.RESTORED + "(not read)");

      assertEquals(1, unreadable(first).size(), () -> "first start: " + first);
      assertEquals(List.of(), unreadable(second), "the same condition alerted again");
      assertTrue(restore instanceof SnapshotManager.Failed f
          && f.effect().contains("start-up files' book"), () -> "status: " + restore);
      assertTrue(onBook(again.master(), "A-01-01-A", 5), "still on the start-up book");
    } finally {
      again.stop();
    }
  }

  /**
   * Counted 9 to the WMS's book, restarted on the start-up book (5) by the damage: a run then
   * sends A-01-01-A to recount (the wrong book, as the alert warns). The same book delivered
   * again: the next runs find the count matched and create no task again.
   */
  @Test
  void fallback_runOnTheWrongBook_thenSameBookAgain_matched_noTaskAgain() throws Exception {
    writeStartUpFiles();
    long snapshot;
    Service first = start(conf());
    try {
      snapshot = applied(drop(first, "book", BOOK_A));
      count(first, "A-01-01-A", 9);
    } finally {
      first.stop();
    }
    deleteBlock(snapshot);

    Service service = start(conf());
    try {
      Zone.RunCompleted wrong = run(service);
      drop(service, "book", BOOK_A);
      Zone.RunCompleted right = run(service);
      Zone.RunCompleted next = run(service);

      assertEquals(1, wrong.tasksCreated(), "on the start-up book: 9 counted, 5 on book");
      assertEquals(List.of(0, 0), List.of(right.tasksCreated(), next.tasksCreated()));
      assertTrue(lines(service, right).stream().anyMatch(l -> l.contains("A-01-01-A")
          && l.contains("status=matched")), () -> lines(service, right).toString());
    } finally {
      service.stop();
    }
  }

  private static Zone.RunCompleted run(Service service) throws Exception {
    ZoneRouter.Zones zones = ask(service, service.router(), ZoneRouter.GetZones::new);
    return ask(service, zones.zones().get("A"), Zone.Reconcile::new);
  }

  private static List<String> lines(Service service, Zone.RunCompleted run) {
    List<String> out = new java.util.ArrayList<>();
    for (var l : service.store().runLines(run.runId())) {
      out.add(l.toString());
    }
    return out;
  }

  private void count(Service service, String location, long eaches) throws Exception {
    CountRecord r = new CountRecord("DOCK-1", "E001", location, "0101", "EA",
        BigDecimal.valueOf(eaches), eaches, "", "QTY:" + eaches, 1);
    StatusReply<Zone.CountRecorded> ack = ask(service, service.router(),
        to -> new ZoneRouter.Route(new Zone.RecordCount(r, to)));
    assertTrue(ack.isSuccess(), () -> location + ": " + ack);
    StatusReply<Zone.LocationChanged> closed = ask(service, service.router(),
        to -> new ZoneRouter.Route(new Zone.CloseLocation(location, "E001", to)));
    assertTrue(closed.isSuccess(), () -> location + ": " + closed);
  }

  /** Zone A's book (9 at A-01-01-A, the files say 5) delivered, then its block deleted. */
  private void damagedAfterDelivery() throws Exception {
    writeStartUpFiles();
    Service service = start(conf());
    long snapshot;
    try {
      snapshot = applied(drop(service, "book", BOOK_A));
    } finally {
      service.stop();
    }
    deleteBlock(snapshot);
  }

  private void deleteBlock(long snapshot) throws Exception {
    try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:"
        + dir.resolve("db/dockcount").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        var ps = c.prepareStatement("DELETE FROM book_block WHERE snapshot_id = ?")) {
      ps.setLong(1, snapshot);
      assertEquals(1, ps.executeUpdate());
    }
  }

  private static long applied(List<SnapshotManager.Outcome> pulled) {
    return pulled.stream().filter(o -> o instanceof SnapshotManager.Applied)
        .mapToLong(o -> ((SnapshotManager.Applied) o).snapshotId()).findFirst()
        .orElseThrow(() -> new AssertionError("not taken in: " + pulled));
  }

  /** The delivery of {@code outcomes} taken in for {@code zone}. */
  private static SnapshotManager.Applied takenFor(String zone,
      List<SnapshotManager.Outcome> outcomes) {
    return outcomes.stream().filter(o -> o instanceof SnapshotManager.Applied a
        && a.zones().contains(zone)).map(o -> (SnapshotManager.Applied) o).findFirst()
        .orElseThrow(() -> new AssertionError("not taken in for " + zone + ": " + outcomes));
  }

  private static boolean onBook(MasterData master, String location, long eaches) {
    return master.book().contains(new MasterData.BookLine(location, "0101", "",
        eaches));
  }

  private static List<Alert> unreadable(List<Alert> alerts) {
    return alerts.stream().filter(a -> a.kind() == Alert.Kind.WMS_BOOK_UNREADABLE).toList();
  }

  private void writeStartUpFiles() throws IOException {
    write(dir.resolve("book.csv"), "sku,location,book_qty\n0101,A-01-01-A,5\n"
        + "0102,A-01-02-A,7\n0101,B-01-01-A,4\n");
    write(dir.resolve("items.csv"), "sku,unit_cost\n0101,1.25\n0102,2.00\n");
  }

  /** A site whose WMS is a file drop only, pulled when asked (the timers wait an hour). */
  private Path conf() throws IOException {
    return SiteService.siteConf(dir, SiteService.fileDrop(dir));
  }

  /** Drops a file of {@code kind} after the pull in flight, pulls; it must go in. */
  private List<SnapshotManager.Outcome> drop(Service service, String kind, String csv)
      throws Exception {
    pull(service);
    return SiteService.drop(service, dir, "%s-%03d.csv".formatted(kind, ++drops), csv);
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
