package io.dockcount.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

final class SpreadsheetTextTest {
  @Test
  void cell_formulaStart_getsAnApostrophe() {
    assertEquals("'=HYPERLINK(\"http://x\",\"y\")",
        SpreadsheetText.cell("=HYPERLINK(\"http://x\",\"y\")"));
    assertEquals("'=cmd|x", SpreadsheetText.cell("=cmd|x"));
    assertEquals("'+1 555", SpreadsheetText.cell("+1 555"));
    assertEquals("'-5", SpreadsheetText.cell("-5"));
    assertEquals("'@SUM(A1)", SpreadsheetText.cell("@SUM(A1)"));
  }

  @Test
  void cell_otherText_unchanged() {
    assertEquals("A-01-02-B", SpreadsheetText.cell("A-01-02-B"));
    assertEquals("0012345", SpreadsheetText.cell("0012345"));
    assertEquals("COLD ROOM", SpreadsheetText.cell("COLD ROOM"));
    assertEquals("", SpreadsheetText.cell(""));
    assertNull(SpreadsheetText.cell(null));
  }
}
