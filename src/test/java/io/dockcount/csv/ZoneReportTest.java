package io.dockcount.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dockcount.core.Flag;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.ReconLine;
import io.dockcount.core.Status;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneReportTest {
  @TempDir
  Path dir;

  @Test
  void writesTheColumnsOfReconCsvWithUnknownsLeftEmpty() throws Exception {
    LocationScheme.Parts c0207 = new LocationScheme.Parts("C", "02", "02", "A");
    List<ReconLine> lines = List.of(
        new ReconLine("00922", "C-02-02-A", null, c0207, 6L, 0L, -6L, new BigDecimal("17.79"),
            new BigDecimal("-106.74"), Status.SHORT, Flag.COUNTED_ZERO.bit(), "short 6 EA"),
        new ReconLine("00923", "C-02-02-A", null, c0207, 4L, null, null, null, null,
            Status.MISSING, 0, null),
        new ReconLine("0001", "ODD SPOT", null, null, null, 3L, 3L, null, null,
            Status.UNEXPECTED, 0, "counted, \"not\" on book"),
        new ReconLine("7", "C-02-02-B", null, c0207, 2L, 1L, -1L, new BigDecimal("1"),
            new BigDecimal("-1"), Status.SHORT, 0, null));
    Path file = ZoneReport.write(dir, "C", lines);

    assertEquals(dir.resolve("zone-C.csv"), file);
    assertEquals(String.join("\n", ReportWriter.RECON_HEADER,
        "00922,C-02-02-A,C,02,02,A,6,0,-6,-100.00,17.79,-106.74,short,counted_zero,short 6 EA",
        "00923,C-02-02-A,C,02,02,A,4,,,,,,missing,,",
        "0001,ODD SPOT,,,,,,3,3,,,,unexpected,,\"counted, \"\"not\"\" on book\"",
        // Money as reconcile writes it: a cost of 1 in the item master is 1.00.
        "7,C-02-02-B,C,02,02,A,2,1,-1,-50.00,1.00,-1.00,short,,", ""),
        Files.readString(file));
  }

  @Test
  void aZoneNameNeverLeavesTheDirectoryOrSharesAFile() {
    assertEquals("COLD%20ROOM", ZoneReport.fileSafe("COLD ROOM"));
    assertEquals("A%2FB", ZoneReport.fileSafe("A/B"));
    assertEquals("A_B", ZoneReport.fileSafe("A_B"));
    assertEquals("%2E.", ZoneReport.fileSafe(".."));
    assertEquals("K%C3%BChl", ZoneReport.fileSafe("K\u00fchl"));
    assertEquals(dir.resolve("zone-%2E%2Fx.csv"), ZoneReport.file(dir, "./x"));
  }
}
