package io.dockcount.cli;

import static io.dockcount.cli.SiteService.ask;
import static io.dockcount.cli.SiteService.pull;
import static io.dockcount.cli.SiteService.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import akka.pattern.StatusReply;
import io.dockcount.app.Service;
import io.dockcount.core.CountRecord;
import io.dockcount.scan.LogCapture;
import io.dockcount.wms.MovementLog;
import io.dockcount.wms.SnapshotManager;
import io.dockcount.wms.WmsSync;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts of a service whose WMS delivers by file drop (and, for absent zones, by its API on
 * loopback): what the WMS sync said before the stop is not said again after it, and what it
 * lists after it is as true as before it.
 */
final class WmsRestartOnceTest {
  @TempDir Path dir;
  private int drops;
  private long scans;

  /**
   * A movement that cannot be applied (it came after its location's count) is logged with why
   * when it comes; two restarts later it has not been logged again, and each start says in one line
   * how many such movements are known.
   */
  @Test
  void movementNotApplicable_loggedOnce_restartsSayOnlyHowManyAreKnown() throws Exception {
    writeStartUpFiles();
    Path conf = dropOnlyConf();
    Service service = start(conf);
    try (LogCapture sync = new LogCapture(WmsSync.class)) {
      count(service, "A-01-01-A", "0101", 5);
      drop(service, "movements", "movement_id,sku,location,qty,moved_at\n"
          + "M1,0101,A-01-01-A,3," + OffsetDateTime.now().plusSeconds(1) + "\n"
          + "M2,0102,A-01-02-A,2," + OffsetDateTime.now() + "\n");
      assertEquals(1, about(sync.messages(Level.WARN), "movement M1 ").size(),
          () -> "logged when it came: " + sync.messages(Level.WARN));
    } finally {
      service.stop();
    }

    for (int run = 1; run <= 2; run++) {
      try (LogCapture sync = new LogCapture(WmsSync.class);
          LogCapture log = new LogCapture(MovementLog.class)) {
        service = start(conf);
        try {
          pull(service);
          assertEquals(List.of(), about(sync.messages(Level.WARN), "movement M1 "),
              "logged again at restart " + run);
          assertEquals(List.of("wms: 1 movement known not applicable"),
              log.messages(Level.WARN).stream().map(m -> m.replaceAll(" \\(first.*", ""))
                  .toList(), "what restart " + run + " says of it");
        } finally {
          service.stop();
        }
      }
    }
  }

  private void count(Service service, String location, String sku, long eaches)
      throws Exception {
    CountRecord r = new CountRecord("DOCK-1", "E001", location, sku, "EA",
        BigDecimal.valueOf(eaches), eaches, "", "QTY:" + eaches, ++scans);
    StatusReply<Zone.CountRecorded> ack = ask(service, service.router(),
        to -> new ZoneRouter.Route(new Zone.RecordCount(r, to)));
    assertTrue(ack.isSuccess(), () -> location + ": " + ack);
    StatusReply<Zone.LocationChanged> closed = ask(service, service.router(),
        to -> new ZoneRouter.Route(new Zone.CloseLocation(location, "E001", to)));
    assertTrue(closed.isSuccess(), () -> location + ": " + closed);
  }

  /**
   * A zone the WMS's whole book (its API) stops listing, its book kept: after a restart it is
   * listed as absent since the pull that first lacked it, not since the restart.
   */
  @Test
  void zoneAbsentFromTheWmsBook_kept_restartKeepsWhenItWentAbsent() throws Exception {
    WmsSync.Absent before = absentBeforeTheStop("keep");
    assertEquals(SnapshotManager.Absence.KEPT, before.absence());

    Service service = start(apiConf("keep"));
    try {
      assertEquals(before.since(), status(service).absent().get("C").since(),
          "since when zone C is listed absent, before the first pull after the restart ends");
      pull(service);
      WmsSync.WmsStatus after = status(service);
      assertEquals(List.of("C"), List.copyOf(after.absent().keySet()));
      assertEquals(before.since(), after.absent().get("C").since(), "after a pull");
      assertEquals(SnapshotManager.Absence.KEPT, after.absent().get("C").absence());
    } finally {
      service.stop();
    }
  }

  /**
   * A zone only the WMS brought (not in the start-up files), emptied when the WMS's whole book
   * stopped listing it (absent-zones = empty): after a restart it is still listed, with its
   * empty book, as absent since the pull that emptied it.
   */
  @Test
  void zoneEmptiedForItsAbsence_restart_stillListedSinceItWasEmptied() throws Exception {
    WmsSync.Absent before = absentBeforeTheStop("empty");
    assertEquals(SnapshotManager.Absence.EMPTIED, before.absence());

    Service service = start(apiConf("empty"));
    try {
      pull(service);
      WmsSync.WmsStatus after = status(service);
      assertTrue(after.absent().containsKey("C"), () -> "zone C no longer listed: " + after);
      assertEquals(before.since(), after.absent().get("C").since());
      assertEquals(SnapshotManager.Absence.EMPTY, after.absent().get("C").absence());
      assertTrue(after.zones().containsKey("C"), () -> "zone C has no book: " + after.zones());
      assertTrue(service.master().book().stream().noneMatch(l -> l.location().startsWith("C")),
          () -> "zone C's book is empty: " + service.master().book());
    } finally {
      service.stop();
    }
  }

  /**
   * Starts on the start-up files (zones A and B), takes the API's book of zones A, B and C,
   * then one without zone C; returns zone C's absence as listed before the stop.
   */
  private WmsSync.Absent absentBeforeTheStop(String absentZones) throws Exception {
    writeStartUpFiles();
    write(dir.resolve("token"), "test-token-not-secret\n");
    api = new LocalApi();
    api.body = BOOK_AB + ",{\"sku\":\"0102\",\"location\":\"C-01-01-A\",\"book_qty\":2}";
    Service service = start(apiConf(absentZones));
    try {
      pull(service);
      assertTrue(status(service).zones().containsKey("C"));
      api.body = BOOK_AB;
      pull(service);
      WmsSync.Absent c = status(service).absent().get("C");
      assertTrue(c != null, "zone C not listed absent");
      Thread.sleep(5); // a since taken again later would differ
      pull(service);
      assertEquals(c.since(), status(service).absent().get("C").since(), "a second pull");
      return c;
    } finally {
      service.stop();
    }
  }

  private static final String BOOK_AB = "{\"sku\":\"0101\",\"location\":\"A-01-01-A\","
      + "\"book_qty\":5},{\"sku\":\"0102\",\"location\":\"A-01-02-A\",\"book_qty\":7},"
      + "{\"sku\":\"0101\",\"location\":\"B-01-01-A\",\"book_qty\":4}";

  private LocalApi api;

  @AfterEach
  void stopApi() {
    if (api != null) {
      api.server.stop(0);
    }
  }

  /** The WMS's API on loopback, on a port of this project's range: its whole book in JSON. */
  private static final class LocalApi {
    static final int PORT = TestPorts.loopback(22380);
    final HttpServer server;
    volatile String body;

    LocalApi() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
      server.createContext("/", ex -> {
        byte[] out = ("{\"data\":[" + body + "]}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, out.length);
        try (var o = ex.getResponseBody()) {
          o.write(out);
        }
      });
      server.start();
    }
  }

  private Path apiConf(String absentZones) throws IOException {
    Path conf = dir.resolve("api-" + absentZones + ".conf");
    write(conf, Files.readString(dropOnlyConf()).replace("  wms {\n", "  wms {\n"
        + "    absent-zones = " + absentZones + "\n"
        + "    http { url = \"http://127.0.0.1:" + LocalApi.PORT + "\", token-env = \"\", "
        + "token-file = \"" + dir.resolve("token") + "\", paths.book = \"/book\", "
        + "timeout = 20s }\n"));
    return conf;
  }

  private static WmsSync.WmsStatus status(Service service) throws Exception {
    return service.wmsStatus(SiteService.ASK).toCompletableFuture()
        .get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** The stored WMS book's block cut short, as a torn write would leave it. */
  @Test
  void storedWmsBookTruncated_startsOnTheStartUpBook_saysSo_andAlerts() throws Exception {
    unreadableAtTheStart(block -> java.util.Arrays.copyOf(block, block.length / 2), "");
  }

  /**
   * One figure of the stored WMS book changed (9 read as 8) while the block still decodes: the
   * service must not start on a book with a wrong figure.
   */
  @Test
  void storedWmsBookWithABadFigure_notTakenAsTheBook() throws Exception {
    unreadableAtTheStart(WmsRestartOnceTest::oneFigureChanged, "Corrupt GZIP trailer");
  }

  /** The stored WMS book's block row deleted: not an empty book. */
  @Test
  void storedWmsBookRowDeleted_notTakenAsAnEmptyBook() throws Exception {
    unreadableAtTheStart(null, "book block is missing");
  }

  /**
   * The delivered file deleted from the file drop's processed folder: the store holds the
   * book, so a restart restores it as it was, with nothing to say.
   */
  @Test
  void deliveredFileDeletedUnderTheFileDrop_restartRestoresTheStoredBook() throws Exception {
    long snapshot = deliveredThenCounted();
    try (var files = Files.list(dir.resolve("inbox").resolve("processed"))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    List<io.dockcount.alert.Alert> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
    Service service = start(dropOnlyConf(), alerts::add);
    try {
      assertEquals(snapshot, service.snapshot());
      assertTrue(service.master().book().contains(new io.dockcount.store.MasterData.BookLine(
          "A-01-01-A", "0101", "", 9)), () -> "the WMS's book: " + service.master().book());
      assertEquals(List.of(), alerts);
    } finally {
      service.stop();
    }
  }

  /**
   * Delivers zone A's book by file (9 of 0101 at A-01-01-A, where the start-up file says 5),
   * counts it, stops; damages the stored block ({@code damage} of its bytes, or null: deletes
   * the row); starts again. The service starts on the start-up files' book and says so: in the
   * log, in the status, and to inventory control by an alert naming the zone; the next
   * delivery is taken in.
   */
  private void unreadableAtTheStart(java.util.function.UnaryOperator<byte[]> damage,
      String why) throws Exception {
    long snapshot = deliveredThenCounted();
    try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:"
        + dir.resolve("db/dockcount").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "")) {
      if (damage == null) {
        try (var ps = c.prepareStatement("DELETE FROM book_block WHERE snapshot_id = ?")) {
          ps.setLong(1, snapshot);
          assertEquals(1, ps.executeUpdate());
        }
      } else {
        byte[] block;
        try (var ps = c.prepareStatement("SELECT lines FROM book_block WHERE snapshot_id = ?")) {
          ps.setLong(1, snapshot);
          try (var rs = ps.executeQuery()) {
            assertTrue(rs.next());
            block = rs.getBytes(1);
          }
        }
        try (var ps = c.prepareStatement(
            "UPDATE book_block SET lines = ? WHERE snapshot_id = ?")) {
          ps.setBytes(1, damage.apply(block));
          ps.setLong(2, snapshot);
          assertEquals(1, ps.executeUpdate());
        }
      }
    }

    List<io.dockcount.alert.Alert> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
    Service service = start(dropOnlyConf(), alerts::add);
    try {
      assertTrue(service.snapshot() < snapshot, "started on the start-up files' snapshot, "
          + "not " + service.snapshot());
      assertTrue(service.master().book().contains(new io.dockcount.store.MasterData.BookLine(
          "A-01-01-A", "0101", "", 5)), () -> "the start-up book: " + service.master().book());
      List<String> said = alerts.stream().filter(a -> a.kind()
          == io.dockcount.alert.Alert.Kind.WMS_BOOK_UNREADABLE).map(a -> a.line()).toList();
      assertEquals(1, said.size(), () -> "alerts: " + alerts);
      assertTrue(said.get(0).contains("zones A compare counts with the start-up files' book "
          + "(snapshot " + service.snapshot() + ")") && said.get(0).contains(why), said::toString);
      SnapshotManager.Outcome restore = status(service).lastBySource()
          .get(SnapshotManager.RESTORED + "(not read)");
      assertTrue(restore instanceof SnapshotManager.Failed, () -> "status: " + restore);

      List<SnapshotManager.Outcome> next = drop(service, "book",
          "sku,location,book_qty\n0101,A-01-01-A,9\n0102,A-01-02-A,7\n");
      assertTrue(next.stream().anyMatch(o -> o instanceof SnapshotManager.Applied a
          && a.zones().contains("A")), next::toString);
      // Zone A started (its count was taken under the unreadable snapshot) and, on the book
      // delivered again, finds its count matched.
      ZoneRouter.Zones zones = ask(service, service.router(), ZoneRouter.GetZones::new);
      Zone.RunCompleted run = ask(service, zones.zones().get("A"), Zone.Reconcile::new);
      List<String> lines = new java.util.ArrayList<>();
      for (io.dockcount.store.Store.StoredLine l : service.store().runLines(run.runId())) {
        lines.add(l.toString());
      }
      assertTrue(lines.stream().anyMatch(l -> l.contains("A-01-01-A")
          && l.contains("status=matched")), lines::toString);
    } finally {
      service.stop();
    }
  }

  /** Zone A's book delivered by file and counted to it; returns its stored snapshot. */
  private long deliveredThenCounted() throws Exception {
    writeStartUpFiles();
    Service service = start(dropOnlyConf());
    try {
      List<SnapshotManager.Outcome> pulled = drop(service, "book",
          "sku,location,book_qty\n0101,A-01-01-A,9\n0102,A-01-02-A,7\n");
      count(service, "A-01-01-A", "0101", 9);
      return pulled.stream().filter(o -> o instanceof SnapshotManager.Applied)
          .mapToLong(o -> ((SnapshotManager.Applied) o).snapshotId()).findFirst()
          .orElseThrow(() -> new AssertionError("not taken in: " + pulled));
    } finally {
      service.stop();
    }
  }

  /**
   * The block with its first book line's figure changed by one and the original trailer kept:
   * content that still decodes, under a CRC that is no longer its own.
   */
  private static byte[] oneFigureChanged(byte[] block) {
    try {
      byte[] plain;
      try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(block))) {
        plain = in.readAllBytes();
      }
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(plain);
      int at = 4; // after the line count: three texts, then the eaches
      for (int t = 0; t < 3; t++) {
        at += 4 + b.getInt(at);
      }
      b.putLong(at, b.getLong(at) - 1);
      var out = new java.io.ByteArrayOutputStream();
      try (var gz = new java.util.zip.GZIPOutputStream(out)) {
        gz.write(plain);
      }
      byte[] damaged = out.toByteArray();
      System.arraycopy(block, block.length - 8, damaged, damaged.length - 8, 8);
      return damaged;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> about(List<String> lines, String what) {
    return lines.stream().filter(l -> l.contains(what)).toList();
  }

  private void writeStartUpFiles() throws IOException {
    write(dir.resolve("book.csv"), "sku,location,book_qty\n0101,A-01-01-A,5\n"
        + "0102,A-01-02-A,7\n0101,B-01-01-A,4\n");
    write(dir.resolve("items.csv"), "sku,unit_cost\n0101,1.25\n0102,2.00\n");
  }

  /** A site whose WMS is a file drop only, pulled when asked (the timers wait an hour). */
  private Path dropOnlyConf() throws IOException {
    return SiteService.siteConf(dir, SiteService.fileDrop(dir));
  }

  /**
   * Drops a file of {@code kind} and pulls; every delivery must go in. The pull the start began
   * ends first, so the file is the next pull's.
   */
  private List<SnapshotManager.Outcome> drop(Service service, String kind, String csv)
      throws Exception {
    pull(service);
    return SiteService.drop(service, dir, "%s-%03d.csv".formatted(kind, ++drops), csv);
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
