package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dockcount.core.barcode.RawBytes;
import io.dockcount.core.station.CountRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class ZoneCountsTest {
  private static CountRecord scanned(OptionalLong eaches, String serial, String sscc) {
    return new CountRecord("DOCK-1", "A", 7, "E042", "A-01-02-B", "0012345", "CS", 2, eaches,
        "00392/174", LocalDate.of(2029, 12, 31), serial, sscc, "15412345000010", "]C1",
        RawBytes.ofText("]C10115412345000010\u001d21X"));
  }

  @Test
  void countWithEaches_keepsTextAndUnitFacts_numberedForTheZone() {
    var converted = ZoneCounts.toZone(scanned(OptionalLong.of(24), "X", null), 1007);

    var r = converted.record();
    assertNull(converted.refusal());
    assertEquals("0012345", r.sku());
    assertEquals("00392/174", r.lot());
    assertEquals(new BigDecimal(2), r.qty());
    assertEquals(24, r.eaches());
    assertEquals(1007, r.sequence());
    assertEquals("GTIN 15412345000010 serial X", r.unitIdentity());
    assertEquals("]C10115412345000010\\x1d21X", r.raw());
  }

  @Test
  void countWithoutEaches_isRefusedWithTheReason_neverTakenAsOneEach() {
    var converted = ZoneCounts.toZone(scanned(OptionalLong.empty(), null, null), 8);

    assertFalse(converted.ok());
    assertEquals("no eaches-per-unit factor for unit CS of SKU 0012345", converted.refusal());
  }

  @Test
  void palletLabel_isIdentifiedBySscc() {
    var converted = ZoneCounts.toZone(scanned(OptionalLong.of(24), null, "354123450000000014"),
        9);

    assertEquals("SSCC 354123450000000014", converted.record().unitIdentity());
  }
}
