package io.dockcount.bench;

import io.dockcount.store.RunRecord;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How the database file grows over many saved runs, with the runs' lines kept whole for ever
 * against the default retention ({@code store.keep-run-lines}). Each save is one zone's run of
 * {@code LOCATIONS} locations (two lines each, one in 50 short, as {@link RunSaveBench} makes
 * them); one save in {@code NEW_TASKS_EVERY} opens recount tasks, raises events and alerts (a
 * round of closes), the others are later cycles that only refresh the figures. Every {@code
 * COMPACT_EVERY} saves the store compacts, as the service does every 10 s. Prints the file size
 * every {@code REPORT_EVERY} saves and after the store is closed (H2's SHUTDOWN keeps only live
 * data), for both settings side by side in one run (each on a thread of its own). H2 reuses a
 * dead chunk only after its retention time (5 s with forced writes), so saves much closer
 * together than that make the running sizes lag behind what the data needs.
 *
 * <p>{@code java -cp ... io.dockcount.bench.StoreGrowthBench DIR [SAVES] [LOCATIONS]
 * [PAUSE_MS]}: PAUSE_MS between saves (a zone's cycle is minutes apart).
 */
public final class StoreGrowthBench {
  private static final int COMPACT_EVERY = 2;
  private static final int REPORT_EVERY = 25;
  private static final int NEW_TASKS_EVERY = 10;

  private StoreGrowthBench() {}

  public static void main(String[] args) throws Exception {
    Path base = Files.createDirectories(Path.of(args[0]));
    int saves = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int locations = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    long pauseMillis = args.length > 3 ? Long.parseLong(args[3]) : 0;
    int[] keeps = {100_000, StoreSettings.DEFAULT_KEEP_RUN_LINES};
    long[][] sizes = new long[keeps.length][saves / REPORT_EVERY + 1];
    long[] millis = new long[keeps.length];
    long[] closed = new long[keeps.length];
    Thread[] runs = new Thread[keeps.length];
    for (int k = 0; k < keeps.length; k++) {
      int which = k;
      runs[k] = new Thread(() -> {
        try {
          Path dir = Files.createTempDirectory(base, "growth-");
          StoreSettings settings = StoreSettings.under(dir).withKeepRunLines(keeps[which]);
          long t0 = System.nanoTime();
          try (Store store = Store.open(settings)) {
            for (int i = 1; i <= saves; i++) {
              RunRecord run = RunSaveBench.zoneRun(locations, i, store.lastSeq());
              if (i % NEW_TASKS_EVERY != 1) {
                run = new RunRecord(run.zone(), run.trigger(), run.throughSeq(),
                    run.snapshotId(), run.lines(), run.netValue(), run.absValue(),
                    run.linesWithoutValue(), List.of(), List.of(), List.of(), List.of(),
                    List.of());
              }
              store.saveRun(run);
              if (i % COMPACT_EVERY == 0) {
                store.compact();
              }
              if (i % REPORT_EVERY == 0) {
                sizes[which][i / REPORT_EVERY] = Files.size(settings.dataFile());
              }
              Thread.sleep(pauseMillis);
            }
          }
          millis[which] = (System.nanoTime() - t0) / 1_000_000;
          closed[which] = Files.size(settings.dataFile()); // after SHUTDOWN: only live data
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      runs[k].start();
    }
    for (Thread t : runs) {
      t.join();
    }
    System.out.printf("%d saves of a %d-location zone (%d lines each), %d ms apart%n", saves,
        locations, 2 * locations, pauseMillis);
    System.out.println("| saves | file MB, every line kept | file MB, keep-run-lines = "
        + StoreSettings.DEFAULT_KEEP_RUN_LINES + " |");
    System.out.println("|---|---|---|");
    for (int r = 1; r <= saves / REPORT_EVERY; r++) {
      System.out.printf("| %d | %.1f | %.1f |%n", r * REPORT_EVERY, sizes[0][r] / 1e6,
          sizes[1][r] / 1e6);
    }
    System.out.printf("| closed (SHUTDOWN) | %.1f | %.1f |%n", closed[0] / 1e6, closed[1] / 1e6);
    System.out.printf("total time: %d ms every line kept, %d ms with retention%n", millis[0],
        millis[1]);
  }
}
