package io.dockcount.store;

import io.dockcount.alert.Alert;
import io.dockcount.core.CountRecord;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.ReconLine;
import io.dockcount.core.Status;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Many compressed days of the service's writes against a real {@link Store}, to see whether its
 * file stays near its live data: scans journalled in group commits with their location closes,
 * every zone's run saved every cycle (with its recount tasks, location events and alerts, and
 * {@link RunRetention} dropping old lines), WMS book deliveries, recount tasks settled, one zone
 * closed by a supervisor with half its locations uncounted each day, online backups, and the
 * guardian's compaction every 10 s. Time is simulated in ticks of 10 s; each tick is one journal
 * commit and one call of {@link Store#compact()}, so the writes and the compaction keep the
 * service's proportions while a day takes seconds (H2's own retention time stays in wall time).
 *
 * <p>A second thread stands for a station: it appends one scan every {@code probeMillis} of wall
 * time, durably, as a zone's count is acknowledged, and keeps the time each took, so a pause the
 * store's maintenance causes shows in its acknowledgements.
 *
 * <p>The live data is measured at each sample as the SHUTDOWN COMPACT size of a copy: the
 * store's own backup (an online copy) opened apart and compacted.
 */
final class StoreWeek {
  /** What to simulate. */
  record Plan(int zones, int locationsPerZone, Duration cycle, double scansPerSecond,
      Duration wmsEvery, Duration backupEvery, Duration sampleEvery, Duration length,
      long probeMillis) {
    /** The defaults of the service: 15-minute cycle, hourly backups, a WMS book every hour. */
    static Plan service(Duration length, Duration cycle) {
      return new Plan(6, 3_334, cycle, 1.5, Duration.ofHours(1), Duration.ofHours(1),
          Duration.ofHours(6), length, 50);
    }
  }

  /** One sample: the file, its live data, and H2's own fill rates. */
  record Sample(double hours, long fileBytes, long liveBytes, int fillPercent,
      int chunksFillPercent) {
    double ratio() {
      return liveBytes == 0 ? 0 : (double) fileBytes / liveBytes;
    }
  }

  /** The whole run's samples and the station's acknowledgement times, in ms. */
  record Result(List<Sample> samples, double[] ackMillis, double[] compactMillis,
      long wallMillis, long scans, long runs) {}

  static final Duration TICK = Duration.ofSeconds(Long.getLong("storeweek.tickSeconds", 10));
  private static final int SCANS_PER_LOCATION = 4;

  private final Plan plan;
  private final Store store;
  private final Path dir;
  private final ZoneModel[] zones;
  private final Map<String, MasterData.Item> items = new HashMap<>();
  private List<MasterData.BookLine> book = new ArrayList<>();
  private long stationSeq;
  private long scans;
  private long runs;
  private final List<RunRecord.TaskKey> openTasks = new ArrayList<>();
  private final List<Double> compactMillis = new ArrayList<>();

  private StoreWeek(Plan plan, Store store, Path dir) {
    this.plan = plan;
    this.store = store;
    this.dir = dir;
    this.zones = new ZoneModel[plan.zones()];
    for (int z = 0; z < zones.length; z++) {
      zones[z] = new ZoneModel(String.valueOf((char) ('A' + z)), plan.locationsPerZone());
      for (int i = 0; i < plan.locationsPerZone(); i++) {
        for (int k = 0; k < 2; k++) {
          String sku = zones[z].sku(i, k);
          items.put(sku, new MasterData.Item(sku, "item " + sku,
              BigDecimal.valueOf(100 + (i * 7 + k) % 9_900, 2), null));
          book.add(new MasterData.BookLine(zones[z].location(i), sku, "", zones[z].book(i, k)));
        }
      }
    }
  }

  /**
   * Runs the plan on a store opened with {@code settings}, its pages compressed or not;
   * {@code progress} gets each sample as it is taken. The store is closed at the end.
   */
  static Result run(Plan plan, boolean compressPages, StoreSettings settings,
      Consumer<Sample> progress) throws Exception {
    long t0 = System.nanoTime();
    List<Sample> samples = new ArrayList<>();
    List<Double> acks = new ArrayList<>();
    StoreWeek week;
    try (Store store = Store.open(settings, compressPages)) {
      week = new StoreWeek(plan, store, settings.path().getParent());
      AtomicBoolean done = new AtomicBoolean();
      Thread station = new Thread(() -> week.probe(done, acks), "station-probe");
      station.start();
      try {
        week.simulate(samples, progress);
      } finally {
        done.set(true);
        station.join();
      }
    }
    double[] ackArray = acks.stream().mapToDouble(Double::doubleValue).toArray();
    double[] compact = week.compactMillis.stream().mapToDouble(Double::doubleValue).toArray();
    return new Result(samples, ackArray, compact, (System.nanoTime() - t0) / 1_000_000,
        week.scans, week.runs);
  }

  private void probe(AtomicBoolean done, List<Double> acks) {
    long seq = 10_000_000;
    while (!done.get()) {
      long t = System.nanoTime();
      store.append(List.of(new JournalEntry.Count("A", new CountRecord("PROBE", "ana",
          zones[0].location(0), zones[0].sku(0, 0), "EA", BigDecimal.ONE, 1, "", "probe",
          seq++), 0, null)));
      synchronized (acks) {
        acks.add((System.nanoTime() - t) / 1e6);
      }
      try {
        Thread.sleep(plan.probeMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void simulate(List<Sample> samples, Consumer<Sample> progress) throws Exception {
    // H2 keeps a replaced chunk for RETENTION_TIME of wall time (5 s with forced commits): a
    // few seconds of the service's writes, well under a tick. A tick here takes milliseconds,
    // so kept as it is that time would hold the chunks of a simulated half hour and more.
    store.transaction("scale the retention time", c -> {
      try (Statement st = c.createStatement()) {
        st.execute("SET RETENTION_TIME 0");
      }
      return null;
    });
    long snapshot = deliverBook(0);
    long ticks = plan.length().dividedBy(TICK);
    long cycleTicks = plan.cycle().dividedBy(TICK);
    long wmsTicks = plan.wmsEvery().dividedBy(TICK);
    long backupTicks = plan.backupEvery().dividedBy(TICK);
    long sampleTicks = plan.sampleEvery().dividedBy(TICK);
    long dayTicks = Duration.ofDays(1).dividedBy(TICK);
    double scansDue = 0;
    for (long tick = 1; tick <= ticks; tick++) {
      scansDue += plan.scansPerSecond() * TICK.toSeconds();
      List<JournalEntry> batch = new ArrayList<>();
      for (; scansDue >= 1; scansDue--) {
        scan(zones[(int) (scans % zones.length)], batch, snapshot);
      }
      if (!batch.isEmpty()) {
        store.append(batch);
      }
      if (tick % dayTicks == dayTicks * 7 / 12) {
        closeZone(zones[(int) (tick / dayTicks % zones.length)], snapshot);
      }
      if (tick % cycleTicks == 0) {
        for (ZoneModel z : zones) {
          saveRun(z, snapshot, "SCHEDULED", false);
        }
        settleTasks();
      }
      if (tick % wmsTicks == 0) {
        snapshot = deliverBook(tick);
      }
      if (tick % backupTicks == 0) {
        store.backup();
      }
      long c0 = System.nanoTime();
      store.compact();
      compactMillis.add((System.nanoTime() - c0) / 1e6);
      if (tick % sampleTicks == 0) {
        Sample s = sample(tick * TICK.toSeconds() / 3600.0);
        samples.add(s);
        progress.accept(s);
      }
    }
  }

  /** One scan at the zone's current location; the location closes after its last scan. */
  private void scan(ZoneModel z, List<JournalEntry> batch, long snapshot) {
    scans++;
    int i = z.next;
    int k = z.scansAt % 2;
    String location = z.location(i);
    long eaches = z.book(i, k) - (z.short_(i, k) ? 1 : 0);
    batch.add(new JournalEntry.Count(z.name, new CountRecord("DOCK-" + z.name, "ana", location,
        z.sku(i, k), "EA", BigDecimal.valueOf(eaches), eaches, "", z.sku(i, k) + "\r",
        ++stationSeq), z.round, snapshot));
    if (++z.scansAt == SCANS_PER_LOCATION) {
      batch.add(new JournalEntry.LocationEvent(z.name, location, "CLOSED", z.round,
          "DOCK-" + z.name, ""));
      z.counted[i] = true;
      z.closedSinceRun.add(i);
      z.scansAt = 0;
      z.next++;
      if (z.next == z.counted.length) {
        z.newRound(); // counted through: the zone begins its next round
      }
    }
  }

  /** A supervisor closes the zone with its uncounted locations; it then begins a new round. */
  private void closeZone(ZoneModel z, long snapshot) {
    saveRun(z, snapshot, "REQUESTED", true);
    z.newRound();
  }

  private void saveRun(ZoneModel z, long snapshot, String trigger, boolean closing) {
    List<ReconLine> lines = new ArrayList<>(z.counted.length * 2);
    List<RunRecord.NewTask> tasks = new ArrayList<>();
    List<JournalEntry.LocationEvent> events = new ArrayList<>();
    List<Alert> alerts = new ArrayList<>();
    BigDecimal net = BigDecimal.ZERO;
    for (int i = 0; i < z.counted.length; i++) {
      String location = z.location(i);
      LocationScheme.Parts parts = z.parts(i);
      boolean fresh = z.closedSinceRun.contains(i);
      if (closing && !z.counted[i]) {
        events.add(new JournalEntry.LocationEvent(z.name, location, "CLOSED", z.round,
            "supervisor", "zone closed"));
      }
      for (int k = 0; k < 2; k++) {
        String sku = z.sku(i, k);
        long bookQty = z.book(i, k);
        BigDecimal cost = items.get(sku).unitCost();
        if (!z.counted[i]) {
          lines.add(new ReconLine(sku, location, null, parts, bookQty, null, null, cost, null,
              Status.MISSING, 0, closing ? RunRecord.ZONE_CLOSED + "never counted" : null));
          if (closing) {
            tasks.add(new RunRecord.NewTask(new RunRecord.TaskKey(location, sku, z.round), null,
                null, RunRecord.ZONE_CLOSED + "never counted"));
          }
          continue;
        }
        if (!z.short_(i, k)) {
          lines.add(new ReconLine(sku, location, null, parts, bookQty, bookQty, 0L, cost,
              BigDecimal.ZERO.setScale(2), Status.MATCHED, 0, null));
          continue;
        }
        BigDecimal value = cost.negate();
        net = net.add(value);
        String reason = "short qty 1 >= 1 (zone " + z.name + ")";
        lines.add(new ReconLine(sku, location, null, parts, bookQty, bookQty - 1, -1L, cost,
            value, Status.SHORT, 0, reason));
        if (fresh) {
          tasks.add(new RunRecord.NewTask(new RunRecord.TaskKey(location, sku, z.round), -1L,
              value, reason));
          events.add(new JournalEntry.LocationEvent(z.name, location, "RECOUNT_REQUESTED",
              z.round + 1, "reconciliation", "1 line(s) to recount"));
          alerts.add(new Alert(Alert.Kind.RECOUNT, z.name, parts.aisle(), parts.bay(),
              parts.level(), location, sku, -1L, value, z.round, "RECOUNT zone " + z.name
                  + " location " + location + " sku " + sku + ": " + reason));
        }
      }
    }
    store.saveRun(new RunRecord(z.name, trigger, store.lastSeq(), snapshot, lines, net,
        net.abs(), 0, tasks, List.of(), events, alerts));
    runs++;
    tasks.forEach(t -> openTasks.add(t.key()));
    z.closedSinceRun.clear();
  }

  /** Supervisors settle the recount tasks waiting longest, a few each cycle. */
  private void settleTasks() {
    int n = Math.min(openTasks.size(), 5 + openTasks.size() / 10);
    if (n > 0) {
      List<RunRecord.TaskKey> done = new ArrayList<>(openTasks.subList(0, n));
      openTasks.subList(0, n).clear();
      store.closeTasks(done);
    }
  }

  /** A WMS delivery: the book with a few lines moved, stored as a new snapshot. */
  private long deliverBook(long tick) {
    List<MasterData.BookLine> moved = new ArrayList<>(book);
    for (int j = 0; j < 20; j++) {
      int at = (int) ((tick * 31 + j * 997) % moved.size());
      MasterData.BookLine l = moved.get(at);
      moved.set(at, new MasterData.BookLine(l.location(), l.sku(), l.lot(), l.eaches() + 1));
    }
    book = moved;
    MasterData data = new MasterData(items, Map.of(), Map.of(), book);
    return new WmsLedger(store).saveImport(data, "wms-sim", "book-" + tick, "book",
        String.join(",", Arrays.stream(zones).map(z -> z.name).toList()));
  }

  private Sample sample(double hours) throws IOException, SQLException {
    int[] fill = store.transaction("read the fill rates", c -> {
      org.h2.mvstore.MVStore mv = mvStore(c);
      if (Boolean.getBoolean("storeweek.chunks")) {
        System.out.println(chunkReport(mv.getFileStore().getLayoutMap()));
      }
      return new int[] {mv.getFillRate(), mv.getFileStore().getChunksFillRate()};
    });
    long file = store.fileSize();
    return new Sample(hours, file, liveSize(store.backup()), fill[0], fill[1]);
  }

  /**
   * Sums H2's chunks by kind: dead (no live page), pinned (holding a page of a single-writer map:
   * compaction never rewrites such a chunk; none were seen here) and the others; sizes and live
   * parts in MB.
   */
  static String chunkReport(Map<String, String> layout) {
    double[][] sums = new double[3][3]; // kind: count, MB, live MB
    for (Map.Entry<String, String> e : layout.entrySet()) {
      if (!e.getKey().startsWith("chunk.")) {
        continue;
      }
      Map<String, String> f = new HashMap<>();
      for (String part : e.getValue().split(",")) {
        int colon = part.indexOf(':');
        f.put(part.substring(0, colon), part.substring(colon + 1));
      }
      long max = Long.parseLong(f.getOrDefault("max", "0"), 16);
      long liveMax = Long.parseLong(f.getOrDefault("liveMax", f.getOrDefault("max", "0")), 16);
      int livePages = Integer.parseInt(f.getOrDefault("livePages", f.getOrDefault("pages", "0")),
          16);
      int kind = livePages == 0 ? 0 : f.containsKey("pinCount") ? 1 : 2;
      sums[kind][0]++;
      sums[kind][1] += Long.parseLong(f.get("len"), 16) * 4096 / 1e6;
      sums[kind][2] += liveMax / 1e6;
    }
    return String.format("  chunks dead %.0f (%.1f MB), pinned %.0f (%.1f MB, %.1f live), "
        + "other %.0f (%.1f MB, %.1f live)", sums[0][0], sums[0][1], sums[1][0], sums[1][1],
        sums[1][2], sums[2][0], sums[2][1], sums[2][2]);
  }

  static org.h2.mvstore.MVStore mvStore(Connection c) throws SQLException {
    return ((org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class)
        .getSession()).getDatabase().getStore().getMvStore();
  }

  /** Returns the size of the database in the backup {@code zip} after SHUTDOWN COMPACT. */
  private long liveSize(Path zip) throws IOException, SQLException {
    Path tmp = Files.createTempDirectory(dir, "live-");
    try {
      Path db = tmp.resolve("live.mv.db");
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          if (e.getName().endsWith(".mv.db")) {
            Files.copy(in, db);
          }
        }
      }
      try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + tmp.resolve("live")
          + ";TRACE_LEVEL_FILE=0", "sa", ""); Statement st = c.createStatement()) {
        st.execute("SHUTDOWN COMPACT");
      }
      return Files.size(db);
    } finally {
      try (var files = Files.list(tmp)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(tmp);
    }
  }

  /** A zone's locations, its count round and how far the round has counted. */
  private static final class ZoneModel {
    final String name;
    final boolean[] counted;
    final java.util.Set<Integer> closedSinceRun = new java.util.HashSet<>();
    int round;
    int next;
    int scansAt;

    ZoneModel(String name, int locations) {
      this.name = name;
      this.counted = new boolean[locations];
    }

    String location(int i) {
      LocationScheme.Parts p = parts(i);
      return p.zone() + "-" + p.aisle() + "-" + p.bay() + "-" + p.level();
    }

    LocationScheme.Parts parts(int i) {
      return new LocationScheme.Parts(name, String.format("%03d", i / 500),
          String.format("%02d", (i / 5) % 100), String.valueOf("ABCDE".charAt(i % 5)));
    }

    String sku(int i, int k) {
      return String.format("%s%06d", name, i * 2 + k);
    }

    long book(int i, int k) {
      return 1 + (i * 2L + k) % 200;
    }

    boolean short_(int i, int k) {
      return (i * 2 + k + round) % 50 == 0;
    }

    void newRound() {
      round++;
      next = 0;
      scansAt = 0;
      Arrays.fill(counted, false);
      closedSinceRun.clear();
    }
  }

  /**
   * {@code java -cp target/classes:target/test-classes:CP io.dockcount.store.StoreWeek DIR DAYS
   * CYCLE_MINUTES [BACKUP_MINUTES] [WMS_MINUTES]}: runs the plan twice side by side on fresh
   * stores, one writing H2's pages as before and one compressed ({@code COMPRESS=TRUE}), and
   * prints a sample every {@code -Dstoreweek.sampleHours} (6) simulated hours, the station's
   * acknowledgement times and the compaction calls' times. {@code -Dstoreweek.tickSeconds}
   * (10) and {@code -Dstoreweek.scansPerSecond} (1.5) change the tick and the scan rate;
   * {@code -Dstoreweek.chunks=true} prints H2's chunks at each sample.
   */
  public static void main(String[] args) throws Exception {
    Path base = Files.createDirectories(Path.of(args[0]));
    Duration days = Duration.ofMinutes(Math.round(Double.parseDouble(args[1]) * 1440));
    Plan p = Plan.service(days, Duration.ofMinutes(Long.parseLong(args[2])));
    p = new Plan(p.zones(), p.locationsPerZone(), p.cycle(),
        Double.parseDouble(System.getProperty("storeweek.scansPerSecond", "1.5")), p.wmsEvery(),
        p.backupEvery(), Duration.ofHours(Long.getLong("storeweek.sampleHours", 6)), days,
        p.probeMillis());
    if (args.length > 3) {
      p = new Plan(p.zones(), p.locationsPerZone(), p.cycle(), p.scansPerSecond(),
          args.length > 4 ? Duration.ofMinutes(Long.parseLong(args[4])) : p.wmsEvery(),
          Duration.ofMinutes(Long.parseLong(args[3])), p.sampleEvery(), days, p.probeMillis());
    }
    Plan plan = p;
    StringBuilder[] out = {new StringBuilder(), new StringBuilder()};
    Thread[] runs = new Thread[2];
    String variants = System.getProperty("storeweek.variants", "before,after");
    for (int v = 0; v < 2; v++) {
      boolean compress = v == 1;
      if (!variants.contains(compress ? "after" : "before")) {
        runs[v] = new Thread(() -> { });
        runs[v].start();
        continue;
      }
      StringBuilder o = out[v];
      runs[v] = new Thread(() -> {
        try {
          Path dir = Files.createTempDirectory(base, "week-");
          o.append(String.format("%n%s, %s%n| sim h | file MB | live MB | file/live | H2 fill "
              + "%% | chunks fill %% |%n|---|---|---|---|---|---|%n", plan,
              compress ? "pages compressed (after)" : "pages as before"));
          Result r = run(plan, compress, StoreSettings.under(dir), s -> {
            String row = String.format("| %.0f | %.1f | %.1f | %.2f | %d | %d |%n", s.hours(),
                s.fileBytes() / 1e6, s.liveBytes() / 1e6, s.ratio(), s.fillPercent(),
                s.chunksFillPercent());
            o.append(row);
            System.out.print((compress ? "after " : "before ") + row);
          });
          o.append(String.format("closed file %.1f MB; %d scans, %d runs, wall %.1f s%n",
              Files.size(StoreSettings.under(dir).dataFile()) / 1e6, r.scans(), r.runs(),
              r.wallMillis() / 1e3));
          o.append(String.format("station acks: %d, p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, "
              + "max %.1f ms%n", r.ackMillis().length, pct(r.ackMillis(), 500),
              pct(r.ackMillis(), 990), pct(r.ackMillis(), 999), pct(r.ackMillis(), 1000)));
          o.append(String.format("compaction calls: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
              r.compactMillis().length, pct(r.compactMillis(), 500), pct(r.compactMillis(), 990),
              pct(r.compactMillis(), 1000)));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      runs[v].start();
    }
    for (Thread t : runs) {
      t.join();
    }
    System.out.print(out[0] + "" + out[1]);
  }

  /** Returns the {@code perMille}th per mille of {@code v} (1000: its largest); 0 when empty. */
  static double pct(double[] v, int perMille) {
    if (v.length == 0) {
      return 0;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int at = (int) Math.ceil(perMille / 1000.0 * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, at))];
  }
}
