package io.dockcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** A variance total as the service's texts show it (zone close, the demo). */
final class MoneyTest {
  @Test
  void total_noVariance_aKnownZero() {
    assertEquals("0.00", Money.total(BigDecimal.ZERO, 0));
  }

  @Test
  void total_noneValued_unknownWithTheLines() {
    assertEquals("unknown (1 variance line, none valued)", Money.total(null, 1));
    assertEquals("unknown (3 variance lines, none valued)", Money.total(null, 3));
  }

  @Test
  void total_partlyValued_exactFigurePlusTheLinesLeftOut() {
    assertEquals("-5.00 (+1 variance line not valued)",
        Money.total(new BigDecimal("-5"), 1));
    assertEquals("0.0845 (+2 variance lines not valued)",
        Money.total(new BigDecimal("0.084500"), 2));
  }

  @Test
  void noneValued_sameRuleAsReconcilesSummary() {
    assertTrue(ReconResult.Summary.noneValued(0, 2));
    assertFalse(ReconResult.Summary.noneValued(1, 2), "partly valued: a figure");
    assertFalse(ReconResult.Summary.noneValued(0, 0), "no variance: a known 0");
  }
}
