package io.dockcount.zone;

import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.store.MasterData;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A zone's state and its run's planning in memory, without actors or H2: the part of a
 * reconciliation before the run is saved, and the heap the state of the counts takes.
 *
 * <p>{@code ZonePlanBench LOCATIONS [PLANS]}: one zone of LOCATIONS locations with two book lines
 * each, one count record per book line (one in 50 short by one) from 16 stations, every
 * location closed; builds the state from those records as a replay does, prints the heap it
 * holds (after a full GC, measured against the heap before it), then plans the run PLANS times
 * (default 5) and prints each plan's wall and thread CPU time. Run with a heap large enough for
 * the before/after comparison, e.g. {@code -Xmx2g}.
 */
public final class ZonePlanBench {
  private ZonePlanBench() {}

  public static void main(String[] args) {
    int locations = Integer.parseInt(args[0]);
    int plans = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    MasterData master = master(locations);
    ZoneSettings settings = new ZoneSettings(Duration.ofMinutes(15), new BigDecimal("1000000"), 1,
        LocationScheme.dashed(), RecountPolicy.standard());
    long heap0 = heapAfterGc();
    long t0 = System.nanoTime();
    ZoneState state = build(master.book());
    state.trim();
    long built = System.nanoTime() - t0;
    long heap1 = heapAfterGc();
    System.out.printf("state of %d count records, %d locations: built in %.2f s, holds %.1f MB "
        + "(%.0f bytes a record)%n", master.book().size(), locations, built / 1e9,
        (heap1 - heap0) / 1e6, (double) (heap1 - heap0) / master.book().size());
    if (Boolean.getBoolean("bench.histogram")) {
      histogram();
    }
    ZoneReconciler reconciler = new ZoneReconciler("Z", master, master.book(), settings);
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int i = 1; i <= plans; i++) {
      long w0 = System.nanoTime();
      long c0 = threads.getCurrentThreadCpuTime();
      ZoneReconciler.Plan plan = reconciler.plan(state, Zone.REQUESTED, 1L);
      long w1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      int lines = reconciler.reconcile(state).lines().size();
      System.out.printf("plan %d: %d lines, %d tasks, %d events in %.3f s (thread CPU %.3f s); "
          + "of which the core's reconcile and its %d lines about %.3f s (CPU %.3f s)%n",
          i, plan.run().lines().size(), plan.run().newTasks().size(),
          plan.run().events().size(), (w1 - w0) / 1e9, (c1 - c0) / 1e9, lines,
          (System.nanoTime() - w1) / 1e9, (threads.getCurrentThreadCpuTime() - c1) / 1e9);
    }
    // The check a location's close makes on the zone's thread: its lines only, then the whole
    // zone as it did before (ZoneReconciler.reconcileAt).
    String closed = master.book().get(master.book().size() / 2).location();
    for (int i = 1; i <= plans; i++) {
      long w0 = System.nanoTime();
      boolean at = reconciler.highValue(reconciler.reconcileAt(state, closed), closed);
      long w1 = System.nanoTime();
      boolean whole = reconciler.highValue(reconciler.reconcile(state), closed);
      long w2 = System.nanoTime();
      System.out.printf("close check %d at %s: its lines only %.2f ms, the whole zone %.1f ms "
          + "(same answer: %b)%n", i, closed, (w1 - w0) / 1e6, (w2 - w1) / 1e6, at == whole);
    }
    // Keeps the state reachable until after the plans (the heap figure above counts it).
    System.out.println("live records " + state.liveRecords());
  }

  private static ZoneState build(List<MasterData.BookLine> book) {
    ZoneState state = new ZoneState();
    // As recovery reads them: each distinct station name held once.
    String[] stations = new String[16];
    for (int i = 0; i < stations.length; i++) {
      stations[i] = "DOCK-" + i;
    }
    long seq = 0;
    for (MasterData.BookLine b : book) {
      seq++;
      long counted = seq % 50 == 0 ? b.eaches() - 1 : b.eaches();
      state.applyCount(seq, stations[(int) (seq % 16)], seq, b.location(), b.sku(), counted, 0, 1L,
          null, "EA");
    }
    String last = null;
    for (MasterData.BookLine b : book) {
      if (!b.location().equals(last)) {
        state.applyEvent(++seq, b.location(), LocationState.CLOSED, 0);
        last = b.location();
      }
    }
    return state;
  }

  /** LOCATIONS locations, each with two SKUs on book; every SKU costs 1.25 and counts in EA. */
  private static MasterData master(int locations) {
    Map<String, MasterData.Item> items = new HashMap<>();
    Map<String, Map<String, Long>> uom = new HashMap<>();
    List<MasterData.BookLine> book = new ArrayList<>();
    for (int i = 0; i < locations; i++) {
      String location = String.format("Z-%03d-%02d-%s", i / 500, (i / 5) % 100,
          "ABCDE".charAt(i % 5));
      for (int k = 0; k < 2; k++) {
        String sku = String.format("%012d", (i * 2L + k) % 20_000);
        items.computeIfAbsent(sku, s -> new MasterData.Item(s, "item " + s,
            new BigDecimal("1.25"), "B"));
        uom.computeIfAbsent(sku, s -> Map.of("EA", 1L));
        book.add(new MasterData.BookLine(location, sku, "", 10 + (i + k) % 40));
      }
    }
    return new MasterData(items, uom, Map.of(), book);
  }

  /** Prints the top of a live-object class histogram of this JVM (jcmd, from the JDK). */
  private static void histogram() {
    try {
      Process p = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()),
          "GC.class_histogram").redirectErrorStream(true).start();
      try (var r = p.inputReader(java.nio.charset.StandardCharsets.UTF_8)) {
        r.lines().limit(20).forEach(System.out::println);
      }
      p.waitFor();
    } catch (java.io.IOException e) {
      System.out.println("no histogram: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long heapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
