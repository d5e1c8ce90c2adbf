package io.dockcount.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Asks the JVM to give the heap that loading freed back to the system, for the rest of a
 * {@code reconcile} run that owns its process.
 *
 * <p>Loading a large input leaves a heap of about 390 MB committed and most of it touched, of
 * which some 160 MB is still live once it is collected. With the JVM's default free-heap
 * ratios (40 to 70 %) G1 keeps all of it, and the join's large arrays then go to regions not
 * touched before: peak RSS on 1,000,000 book lines reached 350 MB and more in some runs. With
 * the ratios lowered after loading, the collection between load and join shrinks the heap and
 * later collections keep it near what is live (docs/BENCHMARKS.md). The ratios are manageable
 * flags, set through the HotSpot diagnostic MBean; where that is not available (another JVM, a
 * runtime without {@code jdk.management}), nothing changes.
 */
final class HeapReturn {
  /** At least this much of the heap is kept free after a collection, in percent. */
  static final String MIN_FREE = "20";

  /** At most this much of the heap is kept free after a collection, in percent. */
  static final String MAX_FREE = "30";

  private HeapReturn() {}

  /** Lowers the free-heap ratios; returns whether it did. Never fails the run. */
  static boolean apply() {
    try {
      HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(
          HotSpotDiagnosticMXBean.class);
      if (hotSpot == null) {
        return false;
      }
      // The minimum first: the JVM refuses a maximum below the minimum in force.
      hotSpot.setVMOption("MinHeapFreeRatio", MIN_FREE);
      hotSpot.setVMOption("MaxHeapFreeRatio", MAX_FREE);
      return true;
    } catch (RuntimeException | LinkageError e) {
      return false; // not HotSpot, or no management: the run takes the memory it took
    }
  }
}
