package io.dockcount.bench;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.dockcount.alert.Alert;
import io.dockcount.core.Flag;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.ReconLine;
import io.dockcount.core.Status;
import io.dockcount.store.ConsoleQueries;
import io.dockcount.store.JournalEntry;
import io.dockcount.store.RunRecord;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cost of saving one zone's reconciliation run: a run of a 50 000-location zone (100 000
 * lines, one in 50 short by one each, with its recount task, its location event and its
 * alert; one SKU in 100 without a unit cost) saved {@code N} times into a fresh file store
 * with forced writes, as {@code Store.saveRun} does in the service. Prints each save's wall
 * time, the saving thread's CPU and the whole process's CPU (H2's own threads included), then
 * the time to read the last run back whole ({@code Store.runLines}) and through the console
 * ({@code ConsoleQueries.latestLines}) and the database file's size.
 *
 * <p>{@code java -cp ... io.dockcount.bench.RunSaveBench DIR [N] [LOCATIONS] [OPEN_PERCENT]
 * [later]}: a fresh store in a temp dir under DIR; OPEN_PERCENT of the locations still open and
 * not counted (a run in the middle of the count; default 0, every location closed); {@code
 * later}: the same lines without new tasks, events or alerts, as a later cycle saves them.
 */
public final class RunSaveBench {
  private RunSaveBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of(args[0])), "runsave-");
    int saves = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int locations = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
    int openPercent = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    boolean later = args.length > 4 && args[4].equals("later");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    var os = (com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
    long[] walls = new long[saves];
    long[] cpus = new long[saves];
    long lastRun = 0;
    try (Store store = Store.open(StoreSettings.under(dir))) {
      for (int i = 0; i < saves; i++) {
        // Each save is a later round, so its recount tasks are new (one per line and round).
        RunRecord run = zoneRun(locations, openPercent, i, store.lastSeq());
        if (later) { // a later cycle: the tasks, events and alerts were saved by an earlier run
          run = new RunRecord(run.zone(), run.trigger(), run.throughSeq(), run.snapshotId(),
              run.lines(), run.netValue(), run.absValue(), run.linesWithoutValue(), List.of(),
              List.of(), List.of(), List.of());
        }
        long cpu0 = threads.getCurrentThreadCpuTime();
        long proc0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        lastRun = store.saveRun(run).runId();
        walls[i] = System.nanoTime() - t0;
        cpus[i] = threads.getCurrentThreadCpuTime() - cpu0;
        System.out.printf("save %d: %d lines, %d tasks, %d events, %d alerts: wall %.1f ms, "
                + "thread CPU %.1f ms, process CPU %.1f ms%n", i + 1, run.lines().size(),
            run.newTasks().size(), run.events().size(), run.alerts().size(), walls[i] / 1e6,
            cpus[i] / 1e6, (os.getProcessCpuTime() - proc0) / 1e6);
      }
      long t0 = System.nanoTime();
      int read = store.runLines(lastRun).size();
      long t1 = System.nanoTime();
      int console = new ConsoleQueries(store).latestLines("Z").size();
      long t2 = System.nanoTime();
      long bytes = report(store.runLines(lastRun), dir.resolve("zone-Z.csv"));
      long t3 = System.nanoTime();
      System.out.printf("read back: runLines %d lines in %.1f ms; console latestLines %d lines "
          + "in %.1f ms; runLines + report CSV as the demo writes it (%d bytes) in %.1f ms%n",
          read, (t1 - t0) / 1e6, console, (t2 - t1) / 1e6, bytes, (t3 - t2) / 1e6);
    }
    long[] warm = Arrays.copyOfRange(walls, saves / 2, saves);
    long[] warmCpu = Arrays.copyOfRange(cpus, saves / 2, saves);
    Arrays.sort(warm);
    Arrays.sort(warmCpu);
    System.out.printf("saves %d..%d (warm): median wall %.1f ms, median thread CPU %.1f ms; "
            + "database file %.1f MB%n", saves / 2 + 1, saves, warm[warm.length / 2] / 1e6,
        warmCpu[warmCpu.length / 2] / 1e6,
        Files.size(StoreSettings.under(dir).dataFile()) / 1e6);
  }

  /** Writes the lines as the demo's zone report (Demo.writeReports) does; returns its size. */
  private static long report(List<Store.StoredLine> lines, Path file) throws IOException {
    try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        var csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(writer)) {
      csv.writeRecord("location", "sku", "status", "book_eaches", "counted_eaches",
          "variance", "unit_cost", "variance_value", "flags", "reason");
      for (Store.StoredLine l : lines) {
        csv.writeRecord(l.location(), l.sku(), l.status(), text(l.bookEaches()),
            text(l.countedEaches()), text(l.variance()), text(l.unitCost()),
            text(l.varianceValue()), l.flags(), l.reason() == null ? "" : l.reason());
      }
    }
    return Files.size(file);
  }

  private static String text(Object v) {
    return v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
  }

  /** A zone run as the zone actor would save it after its locations were closed. */
  public static RunRecord zoneRun(int locations, int round, long throughSeq) {
    return zoneRun(locations, 0, round, throughSeq);
  }

  /**
   * A zone run in the middle of the count: {@code openPercent} of the locations are still open
   * and not counted, so their lines are missing ("not counted"), without tasks or alerts yet.
   */
  public static RunRecord zoneRun(int locations, int openPercent, int round, long throughSeq) {
    List<ReconLine> lines = new ArrayList<>(locations * 2);
    List<RunRecord.NewTask> tasks = new ArrayList<>();
    List<JournalEntry.LocationEvent> events = new ArrayList<>();
    List<Alert> alerts = new ArrayList<>();
    BigDecimal net = BigDecimal.ZERO;
    BigDecimal abs = BigDecimal.ZERO;
    int withoutValue = 0;
    long n = 0;
    for (int i = 0; i < locations; i++) {
      String aisle = String.format("%03d", i / 500);
      String bay = String.format("%02d", (i / 5) % 100);
      String level = String.valueOf("ABCDE".charAt(i % 5));
      String location = "Z-" + aisle + "-" + bay + "-" + level;
      LocationScheme.Parts parts = new LocationScheme.Parts("Z", aisle, bay, level);
      for (int k = 0; k < 2; k++) {
        n++;
        String sku = String.format("%07d", (i * 2 + k) % 40_000);
        long book = 1 + n % 200;
        BigDecimal cost = n % 100 == 7 ? null : BigDecimal.valueOf(100 + n % 9_900, 2);
        int flags = cost == null ? Flag.MISSING_COST.bit() : 0;
        if (i % 100 < openPercent) {
          lines.add(new ReconLine(sku, location, null, parts, book, null, null, cost, null,
              Status.MISSING, flags, "not counted"));
          continue;
        }
        if (n % 50 != 0) {
          lines.add(new ReconLine(sku, location, null, parts, book, book, 0L, cost,
              cost == null ? null : BigDecimal.ZERO.setScale(2), Status.MATCHED, flags, null));
          continue;
        }
        BigDecimal value = cost == null ? null : cost.negate();
        String reason = "short qty 1 >= 1 (zone Z)";
        lines.add(new ReconLine(sku, location, null, parts, book, book - 1, -1L, cost, value,
            Status.SHORT, flags, reason));
        if (value == null) {
          withoutValue++;
        } else {
          net = net.add(value);
          abs = abs.add(value.abs());
        }
        tasks.add(new RunRecord.NewTask(new RunRecord.TaskKey(location, sku, round), -1L, value,
            reason));
        events.add(new JournalEntry.LocationEvent("Z", location, "RECOUNT_REQUESTED",
            round + 1, "reconciliation", "1 line(s) to recount"));
        alerts.add(new Alert(Alert.Kind.RECOUNT, "Z", aisle, bay, level, location, sku, -1L,
            value, round, "RECOUNT zone Z aisle " + aisle + " bay " + bay + " level " + level
                + " sku " + sku + ": " + reason));
      }
    }
    return new RunRecord("Z", "SCHEDULED", throughSeq, null, lines, net, abs, withoutValue,
        tasks, List.of(), events, alerts);
  }
}
