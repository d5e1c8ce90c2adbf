package io.dockcount.bench;

import io.dockcount.core.ReconLine;
import io.dockcount.core.Status;
import io.dockcount.store.ConsoleQueries;
import io.dockcount.store.JournalEntry;
import io.dockcount.store.RunRecord;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import io.dockcount.store.WmsLedger;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's decided variances and the WMS's pending adjustments on a store with many
 * settled locations: {@code LOCATIONS} locations of one zone, each closed and then resolved
 * ({@code RESOLVED_PERCENT} of them by a decision; every tenth of those confirmed), with a run
 * of the zone saved every {@code RUN_EVERY} locations. Prints each read's time and rows.
 *
 * <p>{@code java -cp ... io.dockcount.bench.DecidedQueryBench DIR [LOCATIONS] [RUN_EVERY]}
 */
public final class DecidedQueryBench {
  private DecidedQueryBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of(args[0])), "decided-");
    int locations = args.length > 1 ? Integer.parseInt(args[1]) : 8_000;
    int runEvery = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    try (Store store = Store.open(StoreSettings.under(dir).withSync(false))) {
      List<ReconLine> lines = new ArrayList<>();
      for (int i = 0; i < locations; i++) {
        String loc = String.format("A-%03d-%02d-A", i / 100, i % 100);
        lines.add(new ReconLine("S" + (i % 97), loc, null, null, 10L, 9L, -1L,
            BigDecimal.ONE, new BigDecimal("-1"), Status.SHORT, 0, "short"));
        List<JournalEntry> events = new ArrayList<>();
        events.add(new JournalEntry.LocationEvent("A", loc, "CLOSED", 0, "ana", ""));
        if (i % runEvery == runEvery - 1) {
          store.append(events);
          store.saveRun(new RunRecord("A", "SCHEDULED", store.lastSeq(), null, lines,
              BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of(), List.of(), List.of(), List.of(),
              List.of()));
          events = new ArrayList<>();
          for (ReconLine l : lines.subList(Math.max(0, lines.size() - runEvery), lines.size())) {
            events.add(new JournalEntry.LocationEvent("A", l.location(), "RESOLVED", 0, "maria",
                "accepted"));
          }
        }
        store.append(events);
      }
      for (int i = 0; i < locations; i += 10) {
        String loc = String.format("A-%03d-%02d-A", i / 100, i % 100);
        store.append(List.of(new JournalEntry.LocationEvent("A", loc, "CONFIRMED", 0, "ivan",
            "confirmed")));
      }
      ConsoleQueries q = new ConsoleQueries(store);
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        int decided = q.decidedVariances().size();
        long t1 = System.nanoTime();
        int pending = new WmsLedger(store).pendingAdjustments().size();
        long t2 = System.nanoTime();
        System.out.printf("%d locations: decidedVariances %d rows in %.0f ms; "
            + "pendingAdjustments %d rows in %.0f ms%n", locations, decided, (t1 - t0) / 1e6,
            pending, (t2 - t1) / 1e6);
      }
    }
  }
}
