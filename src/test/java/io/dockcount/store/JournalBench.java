package io.dockcount.store;

import io.dockcount.core.CountRecord;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures acknowledged journal records per second and ack latency, with and without the
 * forced write, for 1 station (one count at a time) and for 16 stations at once. Run by hand:
 * {@code java -cp target/classes:target/test-classes:CP io.dockcount.store.JournalBench DIR}.
 * The figures in docs/STORE.md come from it.
 */
public final class JournalBench {
  private JournalBench() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args.length > 0 ? args[0] : "target/bench");
    int perStation = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    System.out.println("mode     window stations  acks/s   p50 ms  p99 ms  max ms  commits");
    for (boolean sync : new boolean[] {true, false}) {
      for (int windowMs : new int[] {0, 2}) {
        for (int stations : new int[] {1, 16}) {
          Path dir = Files.createTempDirectory(Files.createDirectories(base), "bench-");
          StoreSettings s = StoreSettings.under(dir).withSync(sync);
          run(new StoreSettings(s.path(), sync, java.time.Duration.ofMillis(windowMs),
              s.maxBatch(), s.backupDir(), s.backupInterval(), s.backupKeep(),
              s.minFreeBytes(), s.keepRunLines(), s.keepWholeBooks()), stations,
              perStation);
        }
      }
    }
  }

  private static void run(StoreSettings settings, int stations, int perStation)
      throws Exception {
    ExecutorService blocking = Executors.newFixedThreadPool(2);
    ExecutorService senders = Executors.newFixedThreadPool(stations);
    try (Store store = Store.open(settings)) {
      GroupCommitter journal = new GroupCommitter(store, blocking);
      warmUp(journal);
      long batchesBefore = journal.batches();
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      long t0 = System.nanoTime();
      List<Future<?>> all = new ArrayList<>();
      for (int s = 0; s < stations; s++) {
        String station = "S" + s;
        all.add(senders.submit(() -> {
          for (int i = 0; i < perStation; i++) {
            long start = System.nanoTime();
            journal.append(entry(station, i)).toCompletableFuture().join();
            latencies.add(System.nanoTime() - start);
          }
        }));
      }
      for (Future<?> f : all) {
        f.get();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      journal.close();
      List<Long> l = new ArrayList<>(latencies);
      Collections.sort(l);
      System.out.printf("%-8s %4dms %8d %7.0f %8.2f %7.2f %7.2f %8d%n",
          settings.sync() ? "sync" : "no-sync", settings.groupCommitWindow().toMillis(), stations, l.size() / seconds,
          l.get(l.size() / 2) / 1e6, l.get((int) (l.size() * 0.99)) / 1e6,
          l.get(l.size() - 1) / 1e6, journal.batches() - batchesBefore);
    } finally {
      senders.shutdown();
      blocking.shutdown();
    }
  }

  private static void warmUp(GroupCommitter journal) {
    for (int i = 0; i < 200; i++) {
      journal.append(entry("WARM", i)).toCompletableFuture().join();
    }
  }

  private static JournalEntry entry(String station, long i) {
    return new JournalEntry.Count("A", new CountRecord(station, "bench", "A-01-01-A", "00913",
        "EA", BigDecimal.ONE, 1, "", "05412345000013\r", i), 0, null);
  }
}
