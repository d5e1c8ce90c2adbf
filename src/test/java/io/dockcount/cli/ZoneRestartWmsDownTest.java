package io.dockcount.cli;

import static io.dockcount.cli.SiteService.ask;
import static io.dockcount.cli.SiteService.pull;
import static io.dockcount.cli.SiteService.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.pattern.StatusReply;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dockcount.app.Service;
import io.dockcount.core.CountRecord;
import io.dockcount.csv.ZoneReport;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import io.dockcount.wms.SnapshotManager;
import io.dockcount.wms.WmsSync;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart while the WMS does not answer: its API source takes every request and never
 * replies, so the WMS sync's first pull after the start does not end. The zones must show the
 * lines they showed before the stop all the same (the WMS's book, moved by the movements since),
 * not the start-up book file's, and the pull that finally ends must find nothing new.
 */
final class ZoneRestartWmsDownTest {
  /** The API on loopback, on a port of the range this project's tests may use. */
  private static final int PORT = TestPorts.loopback(22331);
  private static final Duration ASK = SiteService.ASK;
  private static final List<String> ZONES = List.of("A", "B");

  @TempDir Path dir;
  private HttpServer api;
  private ExecutorService apiThreads;
  /** Set once the API stops answering; counted down to let its held requests go. */
  private volatile CountDownLatch down;
  private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
  private long scans;
  private int drops;
  /** The snapshot the API's book became before the stop. */
  private long wmsSnapshot;

  @BeforeEach
  void startApi() throws IOException {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
    api.createContext("/", this::answer);
    apiThreads = Executors.newFixedThreadPool(4);
    api.setExecutor(apiThreads);
    api.start();
  }

  @AfterEach
  void stopApi() {
    CountDownLatch held = down;
    if (held != null) {
      held.countDown();
    }
    api.stop(0);
    apiThreads.shutdownNow();
  }

  /** The WMS's whole book: 9 of 0101 at A-01-01-A where the start-up file says 5. */
  private void answer(HttpExchange ex) throws IOException {
    requests.add(ex.getRequestURI().toString());
    CountDownLatch held = down;
    if (held != null) {
      try {
        held.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
      return;
    }
    byte[] body = ("{\"data\":[{\"sku\":\"0101\",\"location\":\"A-01-01-A\",\"book_qty\":9},"
        + "{\"sku\":\"0102\",\"location\":\"A-01-02-A\",\"book_qty\":7},"
        + "{\"sku\":\"0101\",\"location\":\"B-01-01-A\",\"book_qty\":4}]}")
        .getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, body.length);
    try (var out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  void restartWhileTheWmsHangs_zonesShowTheBookInForceAtTheStop_notTheStartUpFiles()
      throws Exception {
    Map<String, List<String>> before = countedBeforeTheStop();

    down = new CountDownLatch(1);
    int asked = requests.size();
    Service service = start(siteConf());
    try {
      Map<String, List<String>> after = lines(service);
      assertTrue(requests.size() > asked, "the start's pull never reached the API");

      assertEquals("", differences(before, after), "lines while the WMS does not answer");
      assertEquals(wmsSnapshot, masterInForce(service).snapshotId(),
          "the master data the stations and the console are given");
      assertEquals("snapshot " + wmsSnapshot + " in force for zones A, B", WmsSync.summary(
          service.wmsStatus(ASK).toCompletableFuture().get(30, TimeUnit.SECONDS)
              .lastBySource().get("stored WMS snapshot " + wmsSnapshot)),
          "what status and the console say of the restore while the pull hangs");
      down.countDown();
      List<SnapshotManager.Outcome> next = pull(service);
      assertTrue(next.stream().noneMatch(o -> o instanceof SnapshotManager.Applied
          || o instanceof SnapshotManager.BookMoved), () -> "the WMS answers again with the "
          + "book the zones have: nothing new to take in, yet " + next);
      assertEquals("", differences(before, lines(service)), "lines once the WMS answers");
    } finally {
      service.stop();
    }
  }

  /**
   * The start-up book file edited between the runs does not win over the WMS's book (README:
   * new master data goes where the WMS delivers): the zones still start on the book in force.
   */
  @Test
  void restartWithTheStartUpBookEdited_theWmsBookInForceStillWins() throws Exception {
    Map<String, List<String>> before = countedBeforeTheStop();
    write(dir.resolve("book.csv"), "sku,location,book_qty\n0101,A-01-01-A,6\n"
        + "0102,A-01-02-A,8\n0101,B-01-01-A,3\n");

    down = new CountDownLatch(1);
    Service service = start(siteConf());
    try {
      Map<String, List<String>> after = lines(service);

      assertEquals("", differences(before, after), "lines after the start-up book changed");
      assertEquals(wmsSnapshot, service.snapshot());
      assertEquals(3, service.master().book().size());
      assertTrue(service.master().book().contains(new MasterData.BookLine("A-01-02-A", "0102",
          "", 10)), () -> "the WMS's book moved: " + service.master().book());
    } finally {
      service.stop();
    }
  }

  /**
   * Two restarts in a row while the WMS hangs, the start-up book edited before the first: the
   * second start, whose start-up files are stored already, shows the same lines as the first.
   */
  @Test
  void twoRestartsInARow_startUpBookEdited_bothShowTheBookInForceAtTheStop() throws Exception {
    Map<String, List<String>> before = countedBeforeTheStop();
    write(dir.resolve("book.csv"), "sku,location,book_qty\n0101,A-01-01-A,6\n"
        + "0102,A-01-02-A,8\n0101,B-01-01-A,3\n");
    down = new CountDownLatch(1);

    for (int run = 1; run <= 2; run++) {
      Service service = start(siteConf());
      try {
        assertEquals("", differences(before, lines(service)), "lines at restart " + run);
        assertEquals(wmsSnapshot, service.snapshot(), "snapshot at restart " + run);
      } finally {
        service.stop();
      }
    }
  }

  /**
   * A zone only the start-up files name (C, absent from the WMS's whole book), counted before
   * the stop: a restart while the WMS hangs shows it as it was, as it does zones A and B.
   */
  @Test
  void zoneOnlyInTheStartUpFiles_restartWhileTheWmsHangs_showsWhatItShowedBefore()
      throws Exception {
    List<String> all = List.of("A", "B", "C");
    write(dir.resolve("book.csv"), "sku,location,book_qty\n0101,A-01-01-A,5\n"
        + "0102,A-01-02-A,7\n0101,B-01-01-A,4\n0102,C-01-01-A,2\n");
    write(dir.resolve("items.csv"), "sku,unit_cost\n0101,1.25\n0102,2.00\n");
    write(dir.resolve("token"), "test-token-not-secret\n");
    Map<String, List<String>> before;
    Service service = start(siteConf());
    try {
      wmsSnapshot = snapshotInForce(pull(service));
      count(service, "A-01-01-A", "0101", 9);
      count(service, "C-01-01-A", "0102", 2);
      lines(service, all);
      before = lines(service, all);
    } finally {
      service.stop();
    }
    assertEquals(1, before.get("C run lines").size(), () -> "zone C counted: " + before);

    down = new CountDownLatch(1);
    service = start(siteConf());
    try {
      assertEquals("", differences(before, lines(service, all)), "lines after the restart");
    } finally {
      service.stop();
    }
  }

  /**
   * A WMS configured (a file drop only) that never delivered a book: restarted with nothing
   * delivered, then with only a movement stored, the zones show what they showed at the stop.
   */
  @Test
  void wmsThatNeverDeliveredABook_restartsWithNothingThenOnlyMovements_sameLines()
      throws Exception {
    write(dir.resolve("book.csv"), "sku,location,book_qty\n0101,A-01-01-A,5\n"
        + "0102,A-01-02-A,7\n0101,B-01-01-A,4\n");
    write(dir.resolve("items.csv"), "sku,unit_cost\n0101,1.25\n0102,2.00\n");
    Path conf = dir.resolve("drop-only.conf");
    write(conf, Files.readString(siteConf()).replaceAll("(?m)^    http \\{.*\\n", ""));
    Map<String, List<String>> before;
    Service service = start(conf);
    try {
      count(service, "A-01-01-A", "0101", 5);
      lines(service);
      before = lines(service);
    } finally {
      service.stop();
    }
    service = start(conf);
    try {
      assertEquals("", differences(before, lines(service)), "nothing ever delivered");
      drop(service, "movements", "movement_id,sku,location,qty,moved_at\nM1,0102,A-01-02-A,3,"
          + OffsetDateTime.now() + "\n");
      count(service, "A-01-02-A", "0102", 10);
      lines(service);
      before = lines(service);
    } finally {
      service.stop();
    }
    assertTrue(before.get("A run lines").stream().anyMatch(l -> l.contains("A-01-02-A")
        && l.contains("bookEaches=10, countedEaches=10")), before::toString);
    service = start(conf);
    try {
      assertEquals("", differences(before, lines(service)), "only a movement stored");
    } finally {
      service.stop();
    }
    assertEquals(List.of(), requests, "the site has no WMS API");
  }

  /**
   * Starts on the start-up files (5 and 7 on book in zone A), takes the API's book (9 and 7)
   * and a movement of 3 into A-01-02-A, counts both locations to that book, stops; returns the
   * lines of a second run of each zone, every one matched.
   */
  private Map<String, List<String>> countedBeforeTheStop() throws Exception {
    write(dir.resolve("book.csv"), "sku,location,book_qty\n0101,A-01-01-A,5\n"
        + "0102,A-01-02-A,7\n0101,B-01-01-A,4\n");
    write(dir.resolve("items.csv"), "sku,unit_cost\n0101,1.25\n0102,2.00\n");
    write(dir.resolve("token"), "test-token-not-secret\n");
    Map<String, List<String>> before;
    Service service = start(siteConf());
    try {
      // The start's pull takes the API's book in; one asked for now runs after it.
      wmsSnapshot = snapshotInForce(pull(service));
      drop(service, "movements", "movement_id,sku,location,qty,moved_at\nM1,0102,A-01-02-A,3,"
          + OffsetDateTime.now() + "\n");
      count(service, "A-01-01-A", "0101", 9);
      count(service, "A-01-02-A", "0102", 10);
      lines(service); // a first run sends nothing back here; the second shows the same lines
      before = lines(service);
    } finally {
      service.stop();
    }
    List<String> counted = before.get("A run lines");
    assertTrue(counted.size() == 2 && counted.stream().allMatch(l -> l.contains(
        "status=matched")), () -> "counted to the WMS's book, moved: " + before);
    return before;
  }

  private Path siteConf() throws IOException {
    return SiteService.siteConf(dir, SiteService.fileDrop(dir)
        + "    http { url = \"http://127.0.0.1:" + PORT + "\", token-env = \"\", token-file = \""
        + dir.resolve("token") + "\", paths.book = \"/book\", timeout = 60s }\n");
  }

  /**
   * Returns the snapshot the API's book became: the start's pull took it in, so the pull
   * after it finds the same book again.
   */
  private static long snapshotInForce(List<SnapshotManager.Outcome> pulled) {
    return pulled.stream().filter(o -> o.source().startsWith("http "))
        .map(o -> o instanceof SnapshotManager.Duplicate d ? d.snapshotId()
            : assertInstanceOf(SnapshotManager.Applied.class, o, pulled::toString).snapshotId())
        .findFirst().orElseThrow(() -> new AssertionError("the API not pulled: " + pulled));
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

  private void drop(Service service, String kind, String csv) throws Exception {
    String name = "%s-%03d.csv".formatted(kind, ++drops);
    Path inbox = dir.resolve("inbox");
    Files.createDirectories(inbox);
    write(inbox.resolve(name), csv);
    Files.createFile(inbox.resolve(name + ".done"));
    List<SnapshotManager.Outcome> pulled = pull(service);
    assertTrue(pulled.stream().allMatch(WmsSync::ok), pulled::toString);
    assertTrue(Files.exists(inbox.resolve("processed").resolve(name)), name + " not taken");
  }

  /** Runs every zone; returns its report file and its stored run lines, by zone. */
  private Map<String, List<String>> lines(Service service) throws Exception {
    return lines(service, ZONES);
  }

  private Map<String, List<String>> lines(Service service, List<String> names) throws Exception {
    Map<String, List<String>> out = new TreeMap<>();
    ZoneRouter.Zones zones = ask(service, service.router(), ZoneRouter.GetZones::new);
    for (String zone : names) {
      Zone.RunCompleted run = ask(service, zones.zones().get(zone), Zone.Reconcile::new);
      out.put(zone + " zone-" + zone + ".csv", Files.readAllLines(
          ZoneReport.file(dir.resolve("reports"), zone), StandardCharsets.UTF_8));
      List<String> stored = new ArrayList<>();
      for (Store.StoredLine l : service.store().runLines(run.runId())) {
        stored.add(l.toString());
      }
      out.put(zone + " run lines", stored);
    }
    return out;
  }

  private static String differences(Map<String, List<String>> before,
      Map<String, List<String>> after) {
    List<String> out = new ArrayList<>();
    for (String key : before.keySet()) {
      List<String> was = before.get(key);
      List<String> is = after.getOrDefault(key, List.of());
      for (int i = 0; i < Math.max(was.size(), is.size()); i++) {
        String a = i < was.size() ? was.get(i) : "(none)";
        String b = i < is.size() ? is.get(i) : "(none)";
        if (!a.equals(b)) {
          out.add(key + " line " + (i + 1) + ":\n  before the stop: " + a
              + "\n  after the start: " + b);
        }
      }
    }
    return String.join("\n", out);
  }

  /** The master data the router has in force, as a watcher registered now is told. */
  private static ZoneRouter.MasterInForce masterInForce(Service service) throws Exception {
    return ask(service, service.router(), ZoneRouter.WatchMaster::new);
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
