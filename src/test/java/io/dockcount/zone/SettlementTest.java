package io.dockcount.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.store.MasterData;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettlementTest {

  @Test
  void readsBackWhatItWasMadeOf_skusKeptAsText() {
    Settlement s = Settlement.of(42L, Map.of("00913", "30/20", "A B", "null/5"),
        Map.of("00913", 30L, "0777", 0L));

    Settlement again = new Settlement(s.text());

    assertEquals(42L, again.snapshotId());
    assertEquals(Map.of("00913", "30/20", "A B", "null/5"), again.figures());
    assertEquals(Map.of("00913", 30L, "0777", 0L), again.book());
  }

  @Test
  void noSnapshotAndNoLines_readBackEmpty() {
    Settlement s = new Settlement(Settlement.of(null, Map.of(), Map.of()).text());

    assertNull(s.snapshotId());
    assertTrue(s.figures().isEmpty());
    assertTrue(s.book().isEmpty());
  }

  @Test
  void booksAt_sumsEachSkusLinesAtTheLocationsAsked() {
    List<MasterData.BookLine> lines = List.of(
        new MasterData.BookLine("A-01", "00913", "L1", 10),
        new MasterData.BookLine("A-01", "00913", "L2", 5),
        new MasterData.BookLine("A-02", "00913", "", 7));

    assertEquals(Map.of("A-01", Map.of("00913", 15L)),
        Settlement.booksAt(lines, Set.of("A-01", "A-09")));
  }

  @Test
  void aDamagedText_isRefusedWithWhatItSaid() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Settlement("x\u0002a\u00011\u0002b\u0001one"));

    assertEquals("not a settlement: x|a=1|b=one", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Settlement("no parts"));
  }
}
