package io.dockcount.bench;

import io.dockcount.app.MasterDataFiles;
import io.dockcount.app.ServiceSettings;
import io.dockcount.csv.ColumnMap;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import io.dockcount.store.WmsLedger;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The heap and time master data takes (issue 4): loads the files of {@code dockcount generate}
 * through {@link MasterDataFiles} as {@code run} does, then stores them (items, UOM, barcodes and
 * a book snapshot, as a WMS delivery would) and reads the book back. For each step: wall and
 * process CPU time, the heap in use after {@code System.gc()}, and the peak heap while it ran
 * (sum of the heap pools' peaks: an upper bound). Uses only APIs that main had before the packed
 * form, so the same file runs on both for a side-by-side figure. Developer tool, not a test.
 *
 * <p>Usage: {@code MasterDataBench GEN_DIR WORK_DIR} (a store is made under WORK_DIR and
 * deleted at the end).
 */
public final class MasterDataBench {
  private MasterDataBench() {}

  public static void main(String[] args) throws Exception {
    Path gen = Path.of(args[0]);
    Path work = Path.of(args[1]);
    Files.createDirectories(work);
    Path dir = Files.createTempDirectory(work, "store-");
    long base = heapAfterGc();
    System.out.printf("baseline: %d MB in use, max heap %d MB%n", base,
        Runtime.getRuntime().maxMemory() >> 20);

    Step load = Step.start();
    MasterDataFiles.Loaded loaded = MasterDataFiles.load(new ServiceSettings.Inputs(
        gen.resolve("book.csv"), gen.resolve("items.csv"), gen.resolve("uom.csv"), null),
        new ColumnMap());
    MasterData data = loaded.data();
    load.report(String.format("load %d book lines, %d items, %d SKUs with UOM, %d rejected",
        data.book().size(), data.items().size(), data.uom().size(),
        loaded.rejections().size()), base);

    Step lookups = Step.start();
    long found = 0;
    for (MasterData.BookLine b : data.book()) {
      MasterData.Item item = data.items().get(b.sku());
      found += item != null && item.unitCost() != null ? data.factor(b.sku(), "CS") : 0;
    }
    lookups.report("every book line: make it, items().get and factor(CS) (sum " + found + ")",
        base);

    try (Store store = Store.open(StoreSettings.under(dir))) {
      WmsLedger ledger = new WmsLedger(store);
      Step write = Step.start();
      long id = ledger.saveImport(data, "master bench", loaded.contentHash(),
          "items,uom,book", "");
      write.report("store items, UOM and the book snapshot " + id, base);

      Step read = Step.start();
      List<MasterData.BookLine> book = ledger.latestImport().book();
      read.report("read the stored book back: " + book.size() + " lines", base);
      // Both held at once, as a service that restores a WMS snapshot does.
      System.out.printf("held: loaded data and the read-back book (%d and %d lines)%n",
          data.book().size(), book.size());
    } finally {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** One measured step: wall and CPU time, heap after GC and peak heap. */
  private record Step(long wall, long cpu) {
    static Step start() {
      heapAfterGc();
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          p.resetPeakUsage();
        }
      }
      return new Step(System.nanoTime(), cpuNanos());
    }

    void report(String what, long baseMb) {
      double wallS = (System.nanoTime() - wall) / 1e9;
      double cpuS = (cpuNanos() - cpu) / 1e9;
      long peak = 0;
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          peak += p.getPeakUsage().getUsed();
        }
      }
      long after = heapAfterGc();
      System.out.printf("%s: wall %.2f s, CPU %.2f s, peak heap <= %d MB, "
          + "in use after GC %d MB (%+d MB over baseline)%n", what, wallS, cpuS, peak >> 20,
          after, after - baseMb);
    }
  }

  private static long heapAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }

  /** CPU time of the whole process, every thread (JIT and GC included). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
