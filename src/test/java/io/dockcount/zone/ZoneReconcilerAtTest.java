package io.dockcount.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.LocationScheme;
import io.dockcount.core.ReconLine;
import io.dockcount.core.RecountPolicy;
import io.dockcount.store.MasterData;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The checks a zone makes on its own thread when a location closes or is settled reconcile that
 * location only ({@link ZoneReconciler#reconcileAt}): each of its lines must be the line the
 * whole zone's reconciliation gives, for every kind of location a zone holds.
 */
final class ZoneReconcilerAtTest {
  private static final ZoneSettings SETTINGS = new ZoneSettings(Duration.ofMinutes(15),
      new BigDecimal("500.00"), 1, LocationScheme.dashed(), RecountPolicy.standard());

  @Test
  void reconcileAt_eachLocation_givesTheWholeZonesLinesThere() {
    MasterData master = new MasterData(Map.of(
        "00913", new MasterData.Item("00913", "widget", new BigDecimal("2.50"), "A"),
        "0777", new MasterData.Item("0777", "bolt", new BigDecimal("0.10"), "B"),
        "0042", new MasterData.Item("0042", "no cost", null, "B")),
        Map.of("00913", Map.of("EA", 1L, "CS", 12L), "0777", Map.of("EA", 1L),
            "0042", Map.of("EA", 1L)),
        Map.of(), List.of(
            new MasterData.BookLine("A-01-01-A", "00913", "", 24),
            new MasterData.BookLine("A-01-01-A", "0777", "", 100),
            new MasterData.BookLine("A-01-02-A", "00913", "", 12),
            new MasterData.BookLine("A-01-03-A", "0777", "", 5),
            new MasterData.BookLine("A-01-03-A", "0042", "", 7),
            new MasterData.BookLine("A-01-04-A", "0042", "", 3),
            new MasterData.BookLine("A-01-05-A", "00913", "", -4),
            new MasterData.BookLine("A-01-06-A", "0777", "", 9)));
    ZoneState state = new ZoneState();
    long seq = 0;
    // Closed, one SKU counted in cases (a probable unit error), the other never scanned (0).
    state.applyCount(++seq, "DOCK-1", seq, "A-01-01-A", "00913", 24, 0, 1L, null, "CS");
    state.applyEvent(++seq, "A-01-01-A", LocationState.CLOSED, 0);
    // Closed matched; then recounted in round 1, over.
    state.applyCount(++seq, "DOCK-1", seq, "A-01-02-A", "00913", 12, 0, 1L, null, "EA");
    state.applyEvent(++seq, "A-01-02-A", LocationState.CLOSED, 0);
    state.applyEvent(++seq, "A-01-02-A", LocationState.RECOUNT_REQUESTED, 1);
    state.applyCount(++seq, "DOCK-2", seq, "A-01-02-A", "00913", 13, 1, 1L, null, "EA");
    state.applyEvent(++seq, "A-01-02-A", LocationState.CLOSED, 1);
    // Still open: one SKU counted, one not (missing, not 0); a held scan; an unexpected SKU.
    state.applyCount(++seq, "DOCK-3", seq, "A-01-03-A", "0777", 4, 0, 1L, null, "EA");
    state.applyEvent(++seq, "A-01-03-A", LocationState.OPEN, 0);
    state.applyHeld(++seq, "A-01-03-A", "0042", 0);
    state.applyCount(++seq, "DOCK-3", seq, "A-01-03-A", "00913", 2, 0, 1L, null, "EA");
    // Closed with no count at all, a SKU with no cost: counted 0, no value.
    state.applyEvent(++seq, "A-01-04-A", LocationState.CLOSED, 0);
    // A negative book counted; a location off the book counted and closed.
    state.applyCount(++seq, "DOCK-1", seq, "A-01-05-A", "00913", 0, 0, 1L, null, "EA");
    state.applyEvent(++seq, "A-01-05-A", LocationState.CLOSED, 0);
    state.applyCount(++seq, "DOCK-4", seq, "B-09-09-Z", "0777", 6, 0, 1L, null, "EA");
    state.applyEvent(++seq, "B-09-09-Z", LocationState.CLOSED, 0);
    // A-01-06-A: never touched.
    ZoneReconciler reconciler = new ZoneReconciler("A", master, master.book(), SETTINGS);

    List<ReconLine> whole = reconciler.reconcile(state).lines();
    TreeSet<String> locations = new TreeSet<>();
    whole.forEach(l -> locations.add(l.location()));
    locations.add("C-00-00-C"); // known to nobody: no lines

    assertEquals(7, locations.size() - 1, whole::toString);
    for (String location : locations) {
      List<ReconLine> expected = new ArrayList<>();
      whole.stream().filter(l -> l.location().equals(location)).forEach(expected::add);
      List<ReconLine> at = reconciler.reconcileAt(state, location).lines();
      assertEquals(expected, at, location);
      assertEquals(reconciler.highValue(reconciler.reconcile(state), location),
          reconciler.highValue(reconciler.reconcileAt(state, location), location), location);
    }
    assertTrue(whole.stream().anyMatch(l -> l.reason() != null), "the zone has variances");
  }

  @Test
  void reconcileAt_aBinCountedUnderAnotherSpelling_givesTheWholeZonesLinesAtBoth() {
    MasterData master = new MasterData(Map.of(
        "0777", new MasterData.Item("0777", "bolt", new BigDecimal("0.10"), "B")),
        Map.of("0777", Map.of("EA", 1L)), Map.of(), List.of(
            new MasterData.BookLine("A-01-01-A", "0777", "", 100),
            new MasterData.BookLine("A-01-02-A", "0777", "", 5)));
    ZoneState state = new ZoneState();
    // The bin's label keyed by hand without its zeros: the stock is at A-01-01-A, read
    // elsewhere, so the whole zone says the short line may be partly counted under the other.
    state.applyCount(1, "DOCK-1", 1, "A-1-1-A", "0777", 60, 0, 1L, null, "EA");
    state.applyEvent(2, "A-1-1-A", LocationState.CLOSED, 0);
    state.applyCount(3, "DOCK-1", 3, "A-01-01-A", "0777", 40, 0, 1L, null, "EA");
    state.applyEvent(4, "A-01-01-A", LocationState.CLOSED, 0);
    ZoneReconciler reconciler = new ZoneReconciler("A", master, master.book(), SETTINGS);

    List<ReconLine> whole = reconciler.reconcile(state).lines();

    assertTrue(whole.stream().anyMatch(l -> l.location().equals("A-01-01-A")
        && l.reason() != null && l.reason().contains("under its SKU or")), whole::toString);
    for (String location : List.of("A-01-01-A", "A-1-1-A", "A-01-02-A")) {
      List<ReconLine> expected = whole.stream().filter(l -> l.location().equals(location))
          .toList();
      List<ReconLine> at = reconciler.reconcileAt(state, location).lines().stream()
          .filter(l -> l.location().equals(location)).toList();
      assertEquals(expected, at, location);
    }
  }
}
