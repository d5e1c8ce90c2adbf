package io.dockcount.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.DispatcherSelector;
import akka.pattern.StatusReply;
import com.typesafe.config.ConfigFactory;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.dockcount.core.CountRecord;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.store.AlertOutbox;
import io.dockcount.store.ConsoleQueries;
import io.dockcount.store.GroupCommitter;
import io.dockcount.store.MasterData;
import io.dockcount.store.RunRecord;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import io.dockcount.store.WmsLedger;
import io.dockcount.wms.Exporter;
import io.dockcount.wms.SourceException;
import io.dockcount.wms.WmsSettings;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneDeps;
import io.dockcount.zone.ZoneSettings;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random, seeded walks through a zone's recount cycle on a real H2 store, with the notifier
 * texting a local Twilio stand-in: counts right, short, over, with a SKU left out or one off
 * the book; closes, runs, supervisor accepts and send-backs, restarts of the zone, notifier
 * and store, and the SMS endpoint failing for a while. After every run the open recount tasks
 * are checked against a model built from the counts sent (not from the product's state), and
 * at the end every high-value variance must have been texted exactly once.
 *
 * <p>The book stays as started: book deliveries and movements are left to the restart tests.
 */
final class RecountRandomTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int PORT = io.dockcount.cli.TestPorts.loopback(22400);
  private static final int MAX_RECOUNTS = 2;
  private static final BigDecimal HIGH_VALUE = new BigDecimal("200.00");
  /** On the book at some locations; 40.00 each, so 5 off is high value. */
  private static final String DRILL = "0777";
  /** 2.50 each, in cases of 12; 80 off is high value. */
  private static final String WIDGET = "00913";
  private static final long CASE = 12;
  /** 1.00 each, on the book nowhere: found only as stock off the book. */
  private static final String STRAY = "0042";
  private static final Map<String, BigDecimal> COST = Map.of(DRILL, new BigDecimal("40.00"),
      WIDGET, new BigDecimal("2.50"), STRAY, new BigDecimal("1.00"));
  private static final int LOCATIONS = 4;
  private static final java.util.regex.Pattern TEXT = java.util.regex.Pattern.compile(
      "\\((A-[^)]+)\\) sku .*?, (first count|recount \\d+)");
  private static ActorTestKit kit;

  @BeforeAll
  static void start() {
    kit = ActorTestKit.create(ConfigFactory.parseString("akka.loglevel = WARNING")
        .withFallback(ConfigFactory.load()));
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  static List<Long> seeds() {
    List<Long> s = new ArrayList<>();
    // Longer walks by hand: -DrecountWalk.seeds=200 -DrecountWalk.steps=300
    for (long i = 1; i <= Long.getLong("recountWalk.seeds", 20); i++) {
      s.add(i);
    }
    return s;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomWalk_fiftySteps_tasksAsTheModelAsksAndEachHighValueTextedOnce(long seed,
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    new Walk(seed, dir).run(Integer.getInteger("recountWalk.steps", 50));
  }

  /** Where the model has a location: what its last close asked for, and the round it is in. */
  private enum Phase { FRESH, RECOUNT, DECIDE, SETTLED, SENT_BACK, CONFIRMED }

  private static final class Spot {
    final String location;
    final Map<String, Long> book;
    Phase phase = Phase.FRESH;
    int round;
    /** A count begun and not finished: all it will count, and what is left to scan. */
    Map<String, Long> started;
    Map<String, Long> left;
    /** What the last close counted, and whether it matched the book then. */
    Map<String, Long> counted = Map.of();
    Map<String, Long> bookAtClose = Map.of();
    boolean matched;
    /** Whether the last close had a high-value line. */
    boolean high;
    /** The SKUs whose lines the last run had to leave open, by the model. */
    Set<String> expectedOpen = new TreeSet<>();

    Spot(String location, Map<String, Long> book) {
      this.location = location;
      this.book = book;
    }
  }

  private static final class Walk {
    final long seed;
    final Random rnd;
    final Path dir;
    final List<Spot> spots = new ArrayList<>();
    MasterData master;
    Long snapshot;
    final Duration afterClose;
    final Duration cycle;
    final List<MasterData.BookLine> book = new ArrayList<>();
    /** Locations and rounds that had a high-value line at their close: one SMS each. */
    final Set<String> highValue = new TreeSet<>();
    final List<String> trail = new ArrayList<>();
    final List<String> digests = new ArrayList<>();
    /** Locations and rounds whose book changed under a settled count: texted at most once. */
    final Set<String> bookChanged = new TreeSet<>();
    final Path wmsDir;
    boolean wmsDown;
    LocalHttp http;
    Store store;
    GroupCommitter journal;
    Notifier notifier;
    ActorRef<Zone.Command> zone;
    int starts;
    int failed;
    long sequence;

    Walk(long seed, Path dir) {
      this.seed = seed;
      this.rnd = new Random(seed);
      this.dir = dir;
      this.wmsDir = dir.resolve("wms");
      for (int i = 0; i < LOCATIONS; i++) {
        Map<String, Long> at = new TreeMap<>();
        String location = "A-01-0" + (i + 1) + "-A";
        at.put(DRILL, 5L + rnd.nextInt(20));
        if (rnd.nextBoolean()) {
          at.put(WIDGET, 30L + rnd.nextInt(100));
        }
        at.forEach((sku, qty) -> book.add(new MasterData.BookLine(location, sku, "", qty)));
        spots.add(new Spot(location, at));
      }
      Map<String, MasterData.Item> items = new HashMap<>();
      COST.forEach((sku, c) -> items.put(sku, new MasterData.Item(sku, sku, c, null)));
      master = new MasterData(items, Map.of(WIDGET, Map.of("CS", CASE)), Map.of(), book);
      afterClose = Duration.ofMillis(new long[] {0, 20, 200}[rnd.nextInt(3)]);
      cycle = rnd.nextBoolean() ? Duration.ofHours(1) : Duration.ofMillis(300);
    }

    void run(int steps) throws Exception {
      http = new LocalHttp(PORT);
      try {
        open();
        for (int step = 0; step < steps; step++) {
          step(step);
        }
        reconcile();
        if (wmsDown) {
          wmsBack();
        }
        export(steps);
        checkExportedOnce(true);
        awaitTexts();
        Map<String, Long> kinds = trail.stream().collect(Collectors.groupingBy(
            t -> t.replaceFirst("^\\d+: ", "").split(" ")[0], TreeMap::new,
            Collectors.counting()));
        System.out.println("seed " + seed + ": " + kinds + ", " + highValue.size()
            + " high-value texts, " + new ConsoleQueries(store).tasks(false).size() + " tasks");
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ", steps:\n  " + String.join("\n  ", trail)
            + "\n" + e.getMessage(), e);
      } finally {
        shut();
        http.close();
      }
    }

    private void step(int step) throws Exception {
      int dice = rnd.nextInt(100);
      if (dice < 45) {
        visit(spots.get(rnd.nextInt(spots.size())));
      } else if (dice < 70) {
        reconcile();
      } else if (dice < 82) {
        decide(spots.get(rnd.nextInt(spots.size())));
      } else if (dice < 87) {
        trail.add(step + ": restart");
        shut();
        open();
      } else if (dice < 90) {
        // A run asked for and the service stopped at once, the run maybe not saved.
        trail.add(step + ": run asked, then restart");
        zone.tell(new Zone.Reconcile(kit.<Zone.RunCompleted>createTestProbe().getRef()));
        shut();
        open();
      } else if (dice < 92) {
        deliver(step);
      } else if (dice < 96) {
        export(step);
      } else {
        // Down for a while, not past the retries (12): a longer outage gives a message up,
        // and the console says so (README, Alerts).
        // Each message's attempts add up over outages: fewer failures in all than 12.
        int failures = Math.max(0, Math.min(Math.min(1 + rnd.nextInt(3), 10 - failed),
            8 - http.failedInARow() - http.scripted()));
        failed += failures;
        trail.add(step + ": sms endpoint fails " + failures + " time(s)");
        for (int i = 0; i < failures; i++) {
          http.answer(LocalHttp.twilioError(503, 20503, "Service unavailable"));
        }
      }
    }

    private final Set<String> pending = new TreeSet<>();

    /** A counter counts the location (its first count or the recount asked) and closes it. */
    private void visit(Spot s) {
      if (pending.contains(s.location) || s.phase != Phase.FRESH && s.phase != Phase.RECOUNT) {
        return;
      }
      if (s.left != null) {
        // The counter comes back (maybe after a restart) and finishes the location.
        trail.add("finish " + s.location + " " + s.left);
        s.left.forEach((sku, qty) -> count(s.location, sku, qty));
        Map<String, Long> all = s.started;
        s.left = null;
        s.started = null;
        close(s, all);
        return;
      }
      Map<String, Long> counted = new TreeMap<>();
      for (var line : s.book.entrySet()) {
        int how = rnd.nextInt(6);
        long qty = line.getValue();
        if (how == 1) {
          counted.put(line.getKey(), Math.max(0, qty - 1 - rnd.nextInt(8)));
        } else if (how == 2) {
          counted.put(line.getKey(), qty + 1 + rnd.nextInt(8));
        } else if (how == 4 && line.getKey().equals(WIDGET)) {
          // The each figure keyed against the case barcode: twelve times over, in cases.
          counted.put(WIDGET, qty * CASE);
        } else if (how != 3) {
          counted.put(line.getKey(), qty);
        }
      }
      if (counted.isEmpty()) {
        counted.put(DRILL, s.book.get(DRILL));
      }
      if (rnd.nextInt(8) == 0) {
        counted.put(STRAY, 1L + rnd.nextInt(5));
      }
      trail.add("visit " + s.location + " round " + s.round + " counted " + counted
          + " book " + s.book);
      if (counted.size() > 1 && rnd.nextInt(4) == 0) {
        // Part of it scanned, the rest later: the location stays open meanwhile.
        s.started = counted;
        s.left = new TreeMap<>(counted);
        String first = counted.keySet().iterator().next();
        count(s.location, first, s.left.remove(first));
        trail.add("left open " + s.location + " with " + s.left + " to count");
        return;
      }
      counted.forEach((sku, qty) -> count(s.location, sku, qty));
      close(s, counted);
    }

    private void close(Spot s, Map<String, Long> counted) {
      StatusReply<Zone.LocationChanged> closed =
          move(r -> new Zone.CloseLocation(s.location, "ana", r));
      assertTrue(closed.isSuccess(), () -> "close refused: " + closed);
      pending.add(s.location);
      Set<String> off = new TreeSet<>();
      boolean high = false;
      Set<String> skus = new TreeSet<>(s.book.keySet());
      skus.addAll(counted.keySet());
      for (String sku : skus) {
        long onBook = s.book.getOrDefault(sku, 0L);
        long variance = counted.getOrDefault(sku, 0L) - onBook;
        BigDecimal value = COST.get(sku).multiply(BigDecimal.valueOf(Math.abs(variance)));
        // The standard rule: 2 % of book or 50.00; one missing or off the book always.
        if (variance != 0 && (onBook == 0 || !counted.containsKey(sku)
            || value.compareTo(new BigDecimal("50.00")) >= 0
            || Math.abs(variance) * 100 >= 2 * onBook)) {
          off.add(sku);
          high |= value.compareTo(HIGH_VALUE) >= 0;
        }
      }
      s.high = high;
      s.counted = counted;
      s.bookAtClose = new TreeMap<>(s.book);
      s.matched = off.isEmpty();
      if (high) {
        highValue.add(s.location + " " + label(s.round));
      }
      s.expectedOpen = off;
      if (off.isEmpty()) {
        s.phase = Phase.SETTLED;
      } else if (s.round < MAX_RECOUNTS) {
        s.phase = Phase.RECOUNT;
        s.round++;
      } else {
        s.phase = Phase.DECIDE;
      }
    }

    /** A supervisor accepts a variance left to decide, or sends the location back. */
    private void decide(Spot s) {
      if (s.phase == Phase.SETTLED && !pending.contains(s.location) && rnd.nextInt(3) == 0) {
        trail.add("confirm " + s.location);
        StatusReply<Zone.LocationChanged> r =
            move(to -> new Zone.ConfirmLocation(s.location, "ivan", to));
        assertTrue(r.isSuccess(), () -> "confirm refused: " + r);
        s.phase = Phase.CONFIRMED;
        return;
      }
      if (s.phase != Phase.DECIDE || pending.contains(s.location)) {
        return;
      }
      if (rnd.nextBoolean()) {
        trail.add("accept " + s.location);
        StatusReply<Zone.LocationChanged> r =
            move(to -> new Zone.ResolveLocation(s.location, "maria", "ACCEPT", to));
        assertTrue(r.isSuccess(), () -> "accept refused: " + r);
        s.phase = Phase.SETTLED;
        s.expectedOpen = new TreeSet<>();
      } else {
        trail.add("send back " + s.location);
        StatusReply<Zone.LocationChanged> r =
            move(to -> new Zone.RequestRecount(s.location, "maria", to));
        assertTrue(r.isSuccess(), () -> "send-back refused: " + r);
        s.phase = Phase.SENT_BACK;
        if (s.high) {
          // The lines sent back are told at once, in the round they are to be counted in.
          highValue.add(s.location + " " + label(r.getValue().round()));
        }
        s.round = r.getValue().round();
        pending.add(s.location);
      }
    }

    /**
     * The WMS delivers a newer book moving the quantity of one line at a location nobody is
     * counting now and that waits for its first count or its recount: the next close there
     * compares against it, and the tasks open there stay open.
     */
    private void deliver(int step) {
      Spot s = spots.get(rnd.nextInt(spots.size()));
      boolean settled = s.phase == Phase.SETTLED && s.matched;
      if (pending.contains(s.location) || s.left != null
          || s.phase != Phase.FRESH && s.phase != Phase.RECOUNT && !settled) {
        return;
      }
      String sku = new ArrayList<>(s.book.keySet()).get(rnd.nextInt(s.book.size()));
      long qty = Math.max(1, s.book.get(sku) + rnd.nextInt(11) - 5);
      s.book.put(sku, qty);
      trail.add(step + ": book of " + sku + " at " + s.location + " now " + qty);
      book.clear();
      for (Spot each : spots) {
        each.book.forEach((k, q) -> book.add(new MasterData.BookLine(each.location, k, "", q)));
      }
      master = new MasterData(master.items(), master.uom(), Map.of(), book);
      if (settled && qty != s.bookAtClose.getOrDefault(sku, 0L)) {
        // Settled on a count against the book as it was: the line goes to recount (or, at the
        // recount limit, to a supervisor), as the book changed since its count, whatever was
        // counted (README: a count under another book is compared with neither).
        s.expectedOpen = new TreeSet<>(Set.of(sku));
        s.phase = s.round < MAX_RECOUNTS ? Phase.RECOUNT : Phase.DECIDE;
        if (s.round < MAX_RECOUNTS) {
          s.round++;
        }
        s.matched = false;
        bookChanged.add(s.location + " " + label(s.round));
        pending.add(s.location);
      }
      snapshot = store.saveMasterData(master, "delivery " + step, "h-" + seed + "-" + step);
      zone.tell(new Zone.BookUpdated(new Zone.ZoneBook(snapshot, master, List.copyOf(book))));
    }

    private void reconcile() {
      trail.add("reconcile");
      TestProbe<Zone.RunCompleted> done = kit.createTestProbe();
      zone.tell(new Zone.Reconcile(done.getRef()));
      done.receiveMessage(WAIT);
      pending.clear();
      for (Spot s : spots) {
        if (s.phase == Phase.SENT_BACK) {
          // The lines left to decide go back to count, as recount tasks of the next round.
          s.phase = Phase.RECOUNT;
        }
      }
      checkTasks();
    }

    /** The open tasks are exactly the model's, one per location, SKU and round. */
    private void checkTasks() {
      List<ConsoleQueries.Task> open = new ConsoleQueries(store).tasks(true);
      Map<String, Long> keys = open.stream().collect(Collectors.groupingBy(
          t -> t.location() + " " + t.sku() + " @" + t.round(), TreeMap::new,
          Collectors.counting()));
      keys.forEach((k, n) -> assertEquals(1L, n, () -> "open task twice: " + k));
      Map<String, Set<String>> actual = new TreeMap<>();
      for (ConsoleQueries.Task t : open) {
        actual.computeIfAbsent(t.location(), k -> new TreeSet<>()).add(t.sku());
      }
      Map<String, Set<String>> expected = new TreeMap<>();
      for (Spot s : spots) {
        if (!s.expectedOpen.isEmpty()) {
          expected.put(s.location, s.expectedOpen);
        }
      }
      assertEquals(expected, actual, () -> "open tasks by location, all: " + keys.keySet());
    }

    /**
     * Hands the open recount tasks to the WMS as CSV files, or, one time in three, takes the
     * outbox away (a file where its directory goes) so that the export fails, and puts it
     * back at the next export step.
     */
    private void export(int step) throws Exception {
      if (wmsDown) {
        wmsBack();
      } else if (rnd.nextInt(3) == 0) {
        trail.add(step + ": wms outbox gone");
        Files.createDirectories(wmsDir);
        Files.move(wmsDir, wmsDir.resolveSibling("wms-away"));
        Files.writeString(wmsDir, "not a directory");
        wmsDown = true;
      }
      trail.add(step + ": export");
      WmsSettings.Export csv = new WmsSettings.Export("csv", wmsDir.resolve("out"),
          Duration.ofMinutes(1), null, null, null);
      try {
        Exporter.Sent sent = new Exporter(new WmsLedger(store), csv).exportPending();
        assertTrue(!wmsDown || sent.groups() == 0, () -> "exported with the outbox gone: "
            + sent);
      } catch (SourceException e) {
        assertTrue(wmsDown, () -> "export failed: " + e);
      }
      checkExportedOnce(false);
    }

    private void wmsBack() throws Exception {
      trail.add("wms outbox back");
      Files.delete(wmsDir);
      Files.move(wmsDir.resolveSibling("wms-away"), wmsDir);
      wmsDown = false;
    }

    /**
     * No recount task (nor adjustment) in two rows of the WMS's files; after an export with the
     * outbox there ({@code all}), every open recount task (a decision is no recount: not
     * exported) in one.
     */
    private void checkExportedOnce(boolean all) throws Exception {
      if (wmsDown) {
        return;
      }
      Map<String, Long> rows = new TreeMap<>();
      Path out = wmsDir.resolve("out");
      if (Files.isDirectory(out)) {
        try (var files = Files.list(out)) {
          for (Path f : files.filter(p -> !p.getFileName().toString().startsWith("."))
              .toList()) {
            boolean adjustments = f.getFileName().toString().startsWith("adjustments-");
            try (CsvReader<NamedCsvRecord> r = CsvReader.builder().ofNamedCsvRecord(f)) {
              for (NamedCsvRecord row : r) {
                rows.merge((adjustments ? "adjustment " : "") + row.getField("location") + " "
                    + row.getField("sku") + " @" + row.getField("round"), 1L, Long::sum);
              }
            }
          }
        }
      }
      rows.forEach((k, n) -> assertEquals(1L, n, () -> "exported " + n + " times: " + k));
      if (all) {
        Set<String> open = new TreeSet<>();
        for (ConsoleQueries.Task t : new ConsoleQueries(store).tasks(true)) {
          if (t.reason() == null || !t.reason().startsWith(RunRecord.DECIDE)) {
            open.add(t.location() + " " + t.sku() + " @" + t.round());
          }
        }
        open.removeAll(rows.keySet());
        assertEquals(Set.of(), open, "open recount tasks the WMS never got");
      }
    }

    /** Every high-value location and round texted once, none twice. */
    private void awaitTexts() throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      Map<String, Long> sent = texts();
      while (!sent.keySet().containsAll(highValue) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        Thread.sleep(50);
        sent = texts();
      }
      Map<String, Long> last = sent;
      last.forEach((k, n) -> assertEquals(1L, n, () -> "texted " + n + " times: " + k));
      assertEquals(digests.size(), new TreeSet<>(digests).size(), () -> "a digest twice: "
          + digests);
      Set<String> texted = new TreeSet<>(last.keySet());
      texted.removeIf(k -> bookChanged.contains(k) && !highValue.contains(k));
      assertEquals(highValue, texted, () -> "high-value locations and rounds texted; "
          + "deliveries: " + deliveries());
    }

    /** The high-value SMS the endpoint took (answered 201), by location and round. */
    private Map<String, Long> texts() {
      Map<String, Long> out = new TreeMap<>();
      digests.clear();
      for (LocalHttp.Received r : http.taken()) {
        String body = r.form().getOrDefault("Body", "");
        if (!body.contains("HIGH VALUE") || !r.path().contains("Messages")) {
          continue;
        }
        if (body.startsWith("dockcount zone ")) {
          // A digest: the other lines found with one already texted for its location and
          // round (AlertPolicy), listed after a scheduled run, not texted alone.
          digests.add(body);
          continue;
        }
        java.util.regex.Matcher m = TEXT.matcher(body);
        assertTrue(m.find(), () -> "no location and round in " + body);
        out.merge(m.group(1) + " " + m.group(2), 1L, Long::sum);
      }
      return out;
    }

    /** The outbox's deliveries, for a failure's message. */
    private List<String> deliveries() {
      String file = StoreSettings.under(dir).dataFile().toAbsolutePath().toString();
      String url = "jdbc:h2:file:" + file.replaceFirst("\\.mv\\.db$", "")
          + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0";
      List<String> out = new ArrayList<>();
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
          java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT id, status, "
              + "attempts, last_error, dedup_key FROM alert_delivery ORDER BY id")) {
        while (rs.next()) {
          out.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getInt(3) + " "
              + rs.getString(4) + " " + rs.getString(5));
        }
      } catch (java.sql.SQLException e) {
        out.add("unreadable: " + e);
      }
      return out;
    }

    private void count(String location, String sku, long qty) {
      TestProbe<StatusReply<Zone.CountRecorded>> p = kit.createTestProbe();
      boolean cases = sku.equals(WIDGET) && qty > 0 && qty % CASE == 0 && rnd.nextBoolean();
      zone.tell(new Zone.RecordCount(new CountRecord("DOCK-1", "ana", location, sku,
          cases ? "CS" : "EA", BigDecimal.valueOf(cases ? qty / CASE : qty), qty, "",
          sku + (cases ? "/CS" : "") + "\r", ++sequence), p.getRef()));
      StatusReply<Zone.CountRecorded> r = p.receiveMessage(WAIT);
      assertTrue(r.isSuccess(), () -> "count refused at " + location + ": " + r);
    }

    private StatusReply<Zone.LocationChanged> move(
        Function<ActorRef<StatusReply<Zone.LocationChanged>>, Zone.Command> command) {
      TestProbe<StatusReply<Zone.LocationChanged>> probe = kit.createTestProbe();
      zone.tell(command.apply(probe.getRef()));
      return probe.receiveMessage(WAIT);
    }

    private void open() throws Exception {
      store = Store.open(StoreSettings.under(dir));
      Executor blocking = kit.system().dispatchers().lookup(
          DispatcherSelector.fromConfig("dockcount-blocking-dispatcher"));
      journal = new GroupCommitter(store, blocking);
      if (snapshot == null) {
        // As the service saves its start-up book: counts are recorded under a known book.
        snapshot = store.saveMasterData(master, "start-up", "h-start-" + seed);
      }
      AlertSettings s = AlertTestConfig.local(http, "channels.high-value = [sms]\n"
          + "channels.recount = []\n"
          + "sms-limit.count = 1000000\n");
      notifier = new Notifier(s, new AlertOutbox(store),
          Notifier.senders(s, AlertTestConfig.env(http), System.out), null, Clock.systemUTC());
      ZoneSettings zs = new ZoneSettings(cycle, HIGH_VALUE, MAX_RECOUNTS,
          LocationScheme.dashed(), RecountPolicy.standard(), null, afterClose);
      ZoneDeps deps = new ZoneDeps(store, journal, blocking, master, snapshot, zs, notifier);
      zone = kit.spawn(Zone.create("A", deps, List.copyOf(book), cycle),
          "zone-A-" + seed + "-" + ++starts);
    }

    private void shut() {
      if (zone != null) {
        kit.stop(zone);
        zone = null;
      }
      if (notifier != null) {
        notifier.close();
        notifier = null;
      }
      if (journal != null) {
        journal.close();
        store.close();
        journal = null;
      }
    }
  }

  private static String label(int round) {
    return round == 0 ? "first count" : "recount " + round;
  }
}
