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
  void semicolonAlwaysCommaNever() throws IOException {
    Path f = file("sku;qty\nA;1.000\n");
    assertTrue(DecimalStyle.dotMayGroup(';', f));
    assertFalse(DecimalStyle.dotMayGroup(',', file("sku,qty\nA,\"2,5\"\n")));
  }
}
