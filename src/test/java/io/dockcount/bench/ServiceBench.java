package io.dockcount.bench;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dockcount.app.MasterDataFiles;
import io.dockcount.app.Service;
import io.dockcount.app.ServiceSettings;
import io.dockcount.core.CountRecord;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.csv.ColumnMap;
import io.dockcount.store.JournalEntry;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The service's start-up and reconciliation figures on a store that already holds the counts.
 *
 * <ul>
 *   <li>{@code seed-zone DIR [LOCATIONS]}: one zone {@code Z} of 50 000 locations (two book lines
 *       each), a count record per book line (2 % off book) and every location closed, written
 *       straight into the store as if acknowledged earlier.
 *   <li>{@code seed-workload DIR GENDIR}: the book snapshot of {@code dockcount generate}'s
 *       files (1M book lines with {@code --book-rows 1000000}) and every row of its counts.csv
 *       as a count record (about 1.6M), locations left open; the counts are inserted in bulk
 *       (H2 {@code CSVREAD}) as the rows the journal writes for acknowledged scans.
 *   <li>{@code serve DIR [GENDIR]}: what {@code run} does at start: reads the master data (the
 *       generated files, or the zone bench's own), opens the store, starts the service, and
 *       times until every zone has rebuilt its state and answers, and the heap in use after a full
 *       GC with the master data alone and with the zones' state too; then reconciles every
 *       zone twice (system property {@code bench.passes}: 0, 1 or 2) and times each run.
 *       Prints the peak heap used. Run it with {@code -Xmx512m}.
 * </ul>
 */
public final class ServiceBench {
  static final String HASH = "bench-master";

  private ServiceBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    switch (args[0]) {
      case "seed-zone" -> seedZone(dir, args.length > 2 ? Integer.parseInt(args[2]) : 50_000);
      case "seed-workload" -> seedWorkload(dir, Path.of(args[2]));
      case "serve" -> serve(dir, args.length > 2 ? Path.of(args[2]) : null);
      default -> throw new IllegalArgumentException("seed-zone, seed-workload or serve");
    }
  }

  // ---- seeding ---------------------------------------------------------------------------

  private static void seedZone(Path dir, int locations) {
    MasterData master = zoneMaster(locations);
    long t0 = System.nanoTime();
    try (Store store = Store.open(settings(dir).store())) {
      long snapshot = store.saveMasterData(master, "zone bench", HASH);
      List<JournalEntry> batch = new ArrayList<>();
      long n = 0;
      for (MasterData.BookLine b : master.book()) {
        long counted = ++n % 50 == 0 ? b.eaches() - 1 : b.eaches();
        batch.add(new JournalEntry.Count("Z", new CountRecord("DOCK-" + (n % 16), "E42",
            b.location(), b.sku(), "EA", BigDecimal.valueOf(counted), counted, "",
            "]E0" + b.sku(), n), 0, snapshot));
        if (batch.size() == 10_000) {
          store.append(batch);
          batch.clear();
        }
      }
      for (String loc : new TreeSet<>(master.book().stream().map(MasterData.BookLine::location)
          .toList())) {
        batch.add(new JournalEntry.LocationEvent("Z", loc, "CLOSED", 0, "E42", ""));
        if (batch.size() == 10_000) {
          store.append(batch);
          batch.clear();
        }
      }
      store.append(batch);
      System.out.printf("seeded zone Z: %d locations, %d book lines, %d counts in %.1f s%n",
          locations, master.book().size(), n, (System.nanoTime() - t0) / 1e9);
    }
  }

  static MasterData zoneMaster(int locations) {
    BenchScans scans = new BenchScans();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < locations; i++) {
      codes.add(String.format("Z-%03d-%02d-%s", i / 500, (i / 5) % 100, "ABCDE".charAt(i % 5)));
    }
    List<String> twice = new ArrayList<>(codes);
    twice.addAll(codes);
    MasterData one = scans.master(twice);
    List<MasterData.BookLine> book = new ArrayList<>();
    for (int i = 0; i < one.book().size(); i++) {
      MasterData.BookLine b = one.book().get(i);
      // The second line of each location is another SKU than the first.
      String sku = i < locations ? b.sku() : scans.skus.get((i + 1) % BenchScans.ITEMS);
      book.add(new MasterData.BookLine(b.location(), sku, "", b.eaches()));
    }
    return new MasterData(one.items(), one.uom(), one.barcodes(), book);
  }

  private static void seedWorkload(Path dir, Path gen) throws Exception {
    long t0 = System.nanoTime();
    MasterDataFiles.Loaded loaded = MasterDataFiles.load(inputs(gen), new ColumnMap());
    MasterData master = loaded.data();
    long snapshot;
    String clock;
    try (Store store = Store.open(settings(dir).store())) {
      // The item, UOM and barcode tables are left empty: a restart does not read them (the
      // files are the master data), and writing 2.5M rows in one transaction takes the shared
      // build machine most of an hour. The book lines are stored: zones read them back.
      snapshot = store.saveMasterData(new MasterData(Map.of(), Map.of(), Map.of(),
          master.book()), loaded.source(), loaded.contentHash());
      clock = store.clock();
    }
    System.out.printf("book snapshot of %d lines saved in %.1f s%n", master.book().size(),
        (System.nanoTime() - t0) / 1e9);
    // The counts go in as the rows the journal writes for acknowledged scans (Sql.bind), but
    // in bulk through H2's CSVREAD: the service path (group commits) took 15 minutes here.
    Path chunk = dir.resolve("seed-chunk.csv");
    String url = "jdbc:h2:file:" + dir.resolve("dockcount").toAbsolutePath();
    LocationScheme scheme = LocationScheme.dashed();
    long n = 0;
    // CSVREAD takes its file name as a literal only, and reads the file when prepared: our own
    // temp file, no quote in its name.
    String insert = "INSERT INTO count_record (seq, kind, zone, station, counter, location, sku, "
        + "unit, qty, eaches, lot, raw, station_seq, round, snapshot_id, void_of, wall, "
        + "clock_synced, gtin, serial, sscc) SELECT CAST(SEQ AS BIGINT), 'COUNT', ZONE, STATION, "
        + "'E42', LOCATION, SKU, UNIT, CAST(QTY AS NUMERIC(24, 9)), CAST(EACHES AS BIGINT), '', "
        + "RAW, CAST(STATION_SEQ AS BIGINT), 0, ?, NULL, ?, ?, '', '', '' FROM CSVREAD('"
        + chunk.toString().replace("'", "''") + "')";
    java.time.OffsetDateTime wall = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
        BufferedReader r = Files.newBufferedReader(gen.resolve("counts.csv"),
            StandardCharsets.UTF_8)) {
      c.setAutoCommit(false);
      String header = r.readLine();
      if (!header.startsWith("count_id,station,counted_at,sku,location,count_qty,count_uom")) {
        throw new IllegalArgumentException(gen + "/counts.csv: unexpected header " + header);
      }
      boolean more = true;
      while (more) {
        int rows = 0;
        try (var w = Files.newBufferedWriter(chunk, StandardCharsets.UTF_8)) {
          w.write("SEQ,ZONE,STATION,LOCATION,SKU,UNIT,QTY,EACHES,RAW,STATION_SEQ\n");
          String line;
          while (rows < 200_000 && (line = r.readLine()) != null) {
            String[] f = line.split(",", -1);
            long qty = Long.parseLong(f[5]);
            n++;
            rows++;
            w.write(String.join(",", Long.toString(snapshot + n), scheme.parse(f[4]).zone(),
                "DOCK-" + (n % 16), f[4], f[3], f[6], Long.toString(qty),
                Long.toString(qty * master.factor(f[3], f[6])), "]E0" + f[3],
                Long.toString(n)));
            w.write('\n');
          }
          more = rows == 200_000;
        }
        if (rows > 0) {
          try (java.sql.PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setLong(1, snapshot);
            ps.setObject(2, wall);
            ps.setString(3, clock);
            ps.executeUpdate();
          }
          c.commit();
        }
      }
      try (java.sql.Statement st = c.createStatement()) {
        st.execute("SHUTDOWN");
      }
    } finally {
      Files.deleteIfExists(chunk);
    }
    System.out.printf("seeded %d count records from %s in %.1f s%n", n, gen,
        (System.nanoTime() - t0) / 1e9);
  }

  // ---- the service ------------------------------------------------------------------------

  private static void serve(Path dir, Path gen) throws Exception {
    long t0 = System.nanoTime();
    long cpu0 = cpuNanos();
    MasterDataFiles.Loaded loaded = gen == null ? null
        : MasterDataFiles.load(inputs(gen), new ColumnMap());
    MasterData master = gen == null ? zoneMaster(50_000) : loaded.data();
    long tMaster = System.nanoTime();
    long masterHeap = heapAfterGcMb();
    long tGc = System.nanoTime();
    ServiceSettings settings = settings(dir);
    Service service = Service.start(settings, config(dir), master,
        gen == null ? "zone bench" : loaded.source(), gen == null ? HASH : loaded.contentHash(),
        line -> { });
    try {
      long tStarted = System.nanoTime();
      ZoneRouter.Zones zones = ask(service, service.router(), ZoneRouter.GetZones::new);
      int records = 0;
      for (ActorRef<Zone.Command> z : zones.zones().values()) {
        records += ask(service, z, Zone.GetStatus::new).liveRecords();
      }
      long tReady = System.nanoTime();
      System.out.printf("restart: master data read %.2f s, store+service start %.2f s, zones "
          + "rebuilt %.2f s: ready after %.2f s (process CPU %.2f s) with %d count records in "
          + "%d zones; heap used %d MB%n", (tMaster - t0) / 1e9, (tStarted - tGc) / 1e9,
          // The full GCs that measured the master data's heap are left out of the times.
          (tReady - tStarted) / 1e9, (tReady - t0 - (tGc - tMaster)) / 1e9,
          (cpuNanos() - cpu0) / 1e9, records,
          zones.zones().size(), usedHeapMb());
      System.out.printf("heap in use after a full GC: %d MB (with the master data only, "
          + "before the store and zones: %d MB)%n", heapAfterGcMb(), masterHeap);
      if (Boolean.getBoolean("bench.histogram")) {
        histogram();
      }
      // Twice: the first run in a fresh JVM is also the code's warm-up (JIT); the second,
      // on the same snapshot and counts, is what a zone's later cycles cost.
      List<String> passes = List.of("first", "again")
          .subList(0, Integer.getInteger("bench.passes", 2));
      for (String pass : passes) {
        for (Map.Entry<String, ActorRef<Zone.Command>> z : zones.zones().entrySet()) {
          Zone.ZoneStatus before = ask(service, z.getValue(), Zone.GetStatus::new);
          long r0 = System.nanoTime();
          long c0 = cpuNanos();
          Zone.RunCompleted run = ask(service, z.getValue(), Zone.Reconcile::new);
          System.out.printf("reconcile zone %s (%s): %d locations, %d lines, %d tasks created "
              + "in %.3f s (process CPU %.3f s)%n", z.getKey(), pass,
              before.locations().size(), run.lines(), run.tasksCreated(),
              (System.nanoTime() - r0) / 1e9, (cpuNanos() - c0) / 1e9);
        }
      }
    } finally {
      service.stop();
    }
    // Not the sum of each heap pool's own peak: those peaks fall at different times and add up
    // to more than the heap. What says whether the heap was enough is how hard GC worked.
    StringBuilder gcs = new StringBuilder();
    for (java.lang.management.GarbageCollectorMXBean gc
        : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcs.append(String.format("; %s: %d, %.1f s", gc.getName(), gc.getCollectionCount(),
          gc.getCollectionTime() / 1e3));
    }
    System.out.printf("max heap %d MB%s%n", Runtime.getRuntime().maxMemory() >> 20, gcs);
  }

  /** Prints the top of a live-object class histogram of this JVM (jcmd, from the JDK). */
  private static void histogram() throws Exception {
    Process p = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()),
        "GC.class_histogram").redirectErrorStream(true).start();
    try (BufferedReader r = p.inputReader(StandardCharsets.UTF_8)) {
      r.lines().limit(28).forEach(System.out::println);
    }
    p.waitFor();
  }

  private static <T, R> R ask(Service service, ActorRef<T> target,
      Function<ActorRef<R>, T> message) {
    return AskPattern.ask(target, message::apply, Duration.ofMinutes(5),
        service.system().scheduler()).toCompletableFuture().join();
  }

  private static ServiceSettings.Inputs inputs(Path gen) {
    return new ServiceSettings.Inputs(gen.resolve("book.csv"), gen.resolve("items.csv"),
        gen.resolve("uom.csv"), null);
  }

  private static Config config(Path dir) {
    Map<String, Object> m = new HashMap<>();
    m.put("dockcount.store.path", dir.resolve("dockcount").toString());
    m.put("dockcount.backup.dir", dir.resolve("backup").toString());
    m.put("akka.loglevel", "WARNING");
    return ConfigFactory.parseMap(m).withFallback(ConfigFactory.load()).resolve();
  }

  private static ServiceSettings settings(Path dir) {
    return ServiceSettings.from(config(dir), LocationScheme.dashed(), RecountPolicy.standard());
  }

  /** CPU time of the whole process, every thread (JIT and GC included). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long usedHeapMb() {
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) >> 20;
  }

  private static long heapAfterGcMb() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return usedHeapMb();
  }
}
