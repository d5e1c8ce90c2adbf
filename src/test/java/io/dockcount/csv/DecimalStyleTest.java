package io.dockcount.csv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DecimalStyleTest {
  @TempDir Path dir;

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("f.csv"), text);
  }

  @Test
  void tabFile_aNumberWithADecimalComma_dotMayGroup() throws IOException {
    assertTrue(DecimalStyle.dotMayGroup('\t', file("sku\tqty\nA\t1.000\nB\t2,5\n")));
    assertTrue(DecimalStyle.dotMayGroup('\t', file("sku\tqty\r\nA\t\"-0,75\"\r\n")));
    assertTrue(DecimalStyle.dotMayGroup('\t', file("sku\tqty\nA\t12,50")), "at the end");
  }

  @Test
  void tabFile_commasOnlyInText_dotIsADecimalPoint() throws IOException {
    assertFalse(DecimalStyle.dotMayGroup('\t',
        file("sku\tdesc\tqty\nA\tBolts, M8\t1.000\nB\t\"Smith, J.\"\t2\nC\t1,2,3\t3\n")));
    assertFalse(DecimalStyle.dotMayGroup('\t', file("sku\tqty\nA\t,5\nB\t5,\n")));
  }

  @Test
  void semicolonAlways() throws IOException {
    Path f = file("sku;qty\nA;1.000\n");
    assertTrue(DecimalStyle.dotMayGroup(';', f));
  }

  @Test
  void commaFile_aQuotedDecimalComma_dotMayGroup() throws IOException {
    assertTrue(DecimalStyle.dotMayGroup(',', file("sku,qty,kg\nA,1.000,\"12,5\"\n")));
    assertTrue(DecimalStyle.dotMayGroup(',', file("sku,kg\r\nA,\" -0,75 \"\r\n")));
    assertTrue(DecimalStyle.dotMayGroup(',', file("sku,kg\nA,\"2,5\"")), "at the end");
  }

  @Test
  void commaFile_noQuotedDecimalComma_dotIsADecimalPoint() throws IOException {
    // Unquoted, a comma separates; "1,200" may group thousands; text is text.
    assertFalse(DecimalStyle.dotMayGroup(',', file("sku,qty\nA,1.000\nB,2,5\n")));
    assertFalse(DecimalStyle.dotMayGroup(',', file("sku,qty\nA,\"1,200\"\nB,1.000\n")));
    assertFalse(DecimalStyle.dotMayGroup(',', file("sku,desc\nA,\"Bolts, 2,5 mm\"\n")));
    // Only the start of a comma file is looked at: a late quoted decimal comma is not seen.
    String rows = "A,1.000\n".repeat(DecimalStyle.COMMA_FILE_SCAN / 8 + 1);
    assertFalse(DecimalStyle.dotMayGroup(',', file("sku,qty\n" + rows + "B,\"2,5\"\n")));
  }
  @Test
  void commaFile_aDecimalCommaInATextColumn_noEvidence() throws IOException {
    // An English export with 3-decimal quantities, a pack list quoted in a note.
    assertFalse(DecimalStyle.dotMayGroup(',', file("sku,location,book_qty,note\n"
        + "S1,A-01,10.000,\"6,12\"\nS2,A-02,5.000,x\n")));
    assertTrue(DecimalStyle.dotMayGroup(',', file("sku,location,book_qty,kg\n"
        + "S1,A-01,10.000,\"6,12\"\nS2,A-02,5.000,\"0,5\"\nS3,A-03,1,\n")),
        "a column of figures only");
  }

  @Test
  void tabFile_aDecimalCommaInATextColumn_noEvidence() throws IOException {
    assertFalse(DecimalStyle.dotMayGroup('\t', file("sku\tnote\tqty\nA\t6,12\t10.000\n"
        + "B\tbolts\t5.000\n")));
  }

  @Test
  void tabFile_dotGroupedThousandsBeforeADecimalComma_dotMayGroup() throws IOException {
    assertTrue(DecimalStyle.dotMayGroup('\t', file("sku\tqty\tkg\nA\t1.000\t1.000,00\n")));
    assertTrue(DecimalStyle.dotMayGroup('\t', file("sku\tkg\nA\t12.345.678,9\n")));
    assertTrue(DecimalStyle.dotMayGroup('\t', file("sku\tkg\nA\t-1.234,5")), "at the end");
  }

  @Test
  void commaFile_aQuotedNumberWithDotGroupsAndADecimalComma_dotMayGroup() throws IOException {
    assertTrue(DecimalStyle.dotMayGroup(',', file("sku,qty\nA,1.000\nB,\"1.234,5\"\n")));
    // Three digits after the comma: with dot groups before it, the comma is no grouping.
    assertTrue(DecimalStyle.dotMayGroup(',', file("sku,qty\nA,1.000\nB,\"1.000,000\"\n")));
    assertTrue(DecimalStyle.dotMayGroup(',', file("sku,qty\nB,\"1.000,00\"\nA,1.000\n")));
  }

  @Test
  void anyFile_dotsThatGroupNoThousands_noEvidence() throws IOException {
    // A date, a version, a group of other than three digits, a point then a comma grouping.
    for (String field : new String[] {"1.2.2024,5", "1.23,5", "1234.567,8", "1.2345,6",
        "1,234.5", "1.,5", ".123,4"}) {
      assertFalse(DecimalStyle.dotMayGroup('\t', file("sku\tx\nA\t" + field + "\n")), field);
      assertFalse(DecimalStyle.dotMayGroup(',', file("sku,x\nA,\"" + field + "\"\n")), field);
    }
    assertFalse(DecimalStyle.dotMayGroup(',', file("sku,qty\nA,1.234,5\n")), "unquoted");
  }
}
