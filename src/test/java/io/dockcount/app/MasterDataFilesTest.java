package io.dockcount.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.csv.ColumnMap;
import io.dockcount.store.MasterData;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MasterDataFilesTest {
  private static Path write(Path dir, String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void files_keepLeadingZeros_unknownCost_andSkipBadRows(@TempDir Path dir) throws Exception {
    Path book = write(dir, "book.csv",
        "sku,location,book_qty,lot\n00913,A-01-02,30,0898984\n0012345,A-01-03,,\n");
    Path items = write(dir, "items.csv",
        "sku,unit_cost,description\n00913,2.50,\"widget, blue\"\nZZ999,,no cost\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\n00913,Case,12\n00913,DZ,0.083\n");
    Path codes = write(dir, "codes.csv", "barcode,sku,uom\n05412345000013,00913,\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, items, uom, codes), new ColumnMap());

    MasterData m = loaded.data();
    assertEquals(List.of(new MasterData.BookLine("A-01-02", "00913", "0898984", 30)), m.book());
    assertEquals(new BigDecimal("2.50"), m.items().get("00913").unitCost());
    assertEquals("widget, blue", m.items().get("00913").description());
    assertNull(m.items().get("ZZ999").unitCost());
    assertEquals(12, m.factor("00913", "CS"));
    assertEquals(0, m.factor("00913", "DZ"));
    assertEquals("EA", m.barcodes().get("05412345000013").unit());
    assertEquals(2, loaded.rejections().size());
    assertTrue(loaded.rejections().get(0).startsWith("uom.csv:3: qty_per_uom"),
        loaded.rejections().toString());
    assertTrue(loaded.rejections().get(1).startsWith("book.csv:3: book_qty"));
  }

  @Test
  void sameFilesTwice_sameHash_missingBook_named(@TempDir Path dir) throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\n1,A-1,3\n");
    ServiceSettings.Inputs in = new ServiceSettings.Inputs(book, null, null, null);

    assertEquals(MasterDataFiles.load(in, new ColumnMap()).contentHash(),
        MasterDataFiles.load(in, new ColumnMap()).contentHash());
    String e = assertThrows(IllegalArgumentException.class, () -> MasterDataFiles.load(
        new ServiceSettings.Inputs(dir.resolve("nope.csv"), null, null, null),
        new ColumnMap())).getMessage();
    assertTrue(e.contains("nope.csv"), e);
  }
}
