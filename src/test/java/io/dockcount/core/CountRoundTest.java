package io.dockcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class CountRoundTest {
  @Test
  void label_roundZero_isTheFirstCount() {
    assertEquals("first count", CountRound.label(0));
  }

  @Test
  void label_laterRounds_areNumberedRecounts() {
    assertEquals("recount 1", CountRound.label(1));
    assertEquals("recount 12", CountRound.label(12));
  }

  @Test
  void label_negativeRound_isRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CountRound.label(-1));
    assertEquals("count round -1 is negative", e.getMessage());
  }
}
