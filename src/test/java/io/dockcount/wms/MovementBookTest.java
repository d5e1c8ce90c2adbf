package io.dockcount.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.LocationScheme;
import io.dockcount.store.MasterData;
import io.dockcount.store.WmsLedger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class MovementBookTest {
  private static final Instant SNAP = Instant.parse("2026-12-04T08:00:00Z");
  private static final Instant COUNTED = Instant.parse("2026-12-04T10:00:00Z");
  private static final List<MasterData.BookLine> BOOK = List.of(
      new MasterData.BookLine("A-01-02-B", "00913", "", 30),
      new MasterData.BookLine("A-01-03-A", "0777", "", 10));

  private static WmsLedger.Movement move(String id, String location, String sku, long qty,
      String at) {
    return new WmsLedger.Movement(id, location, sku, "", qty, Instant.parse(at), "MOVE");
  }

  private static MovementBook.Result apply(List<WmsLedger.Movement> moves, String clock) {
    return MovementBook.apply(BOOK, Map.of("A", SNAP), LocationScheme.dashed(), moves,
        Map.of("A-01-02-B", new WmsLedger.CountTime(COUNTED, clock)));
  }

  @Test
  void moveBetweenLocations_beforeCount_appliedToBoth_newLineAdded() {
    MovementBook.Result r = apply(List.of(
        move("M1", "A-01-02-B", "00913", -4, "2026-12-04T09:00:00Z"),
        move("M2", "A-09-09-A", "00913", 4, "2026-12-04T09:00:00Z")), "yes");

    assertEquals(List.of(new MasterData.BookLine("A-01-02-B", "00913", "", 26),
        new MasterData.BookLine("A-01-03-A", "0777", "", 10),
        new MasterData.BookLine("A-09-09-A", "00913", "", 4)), r.book());
    assertEquals(Set.of("A"), r.zones());
    assertEquals(2, r.applied());
  }

  @Test
  void movementBeforeSnapshot_isAlreadyInIt_ignored() {
    MovementBook.Result r = apply(List.of(move("M1", "A-01-03-A", "0777", -1,
        "2026-12-04T07:59:59Z")), "yes");

    assertEquals(BOOK, r.book());
    assertEquals(0, r.applied());
    assertEquals(Map.of(), r.reported());
  }

  @Test
  void countedWhileClockUnsynchronized_movementReported_notApplied() {
    MovementBook.Result r = apply(List.of(move("M1", "A-01-02-B", "00913", -4,
        "2026-12-04T09:00:00Z")), "no");

    assertEquals(BOOK, r.book());
    assertTrue(r.reported().get("M1").contains("clock was not synchronized"), r.reported()
        .toString());
  }

  @Test
  void locationFittingNoZone_reported() {
    MovementBook.Result r = apply(List.of(move("M1", "", "00913", 1,
        "2026-12-04T09:00:00Z")), "yes");

    assertTrue(r.reported().get("M1").contains("fits no zone"), r.reported().toString());
  }
}
