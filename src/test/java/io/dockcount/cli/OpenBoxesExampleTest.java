package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-runs the worked example of {@code docs/example-openboxes} from the OpenBoxes files in
 * {@code ../shared/data} and checks that its reports are the ones committed there.
 */
final class OpenBoxesExampleTest {
  private static final Path EXAMPLE = Path.of("docs", "example-openboxes");
  private static final Path DATA = Path.of("..", "shared", "data");
  private static final List<String> REPORTS = List.of("recon.csv", "recon_lots.csv",
      "recount_tasks.csv", "exceptions.csv", "summary.json");

  @TempDir Path out;

  @Test
  void reconcile_openBoxesExample_reportsAsCommitted() throws IOException {
    for (String f : List.of("mainWarehouseInventory.csv", "productSuppliers.csv",
        "products.csv")) {
      Assumptions.assumeTrue(Files.isRegularFile(DATA.resolve(f)), "OpenBoxes data "
          + DATA.resolve(f).toAbsolutePath().normalize() + " is absent: example not re-run");
    }

    Workspace.Run run = Workspace.run(out, "reconcile",
        "--config", EXAMPLE.resolve("openboxes.conf").toString(),
        "--book", DATA.resolve("mainWarehouseInventory.csv").toString(),
        "--counts", EXAMPLE.resolve("counts.csv").toString(),
        "--uom", DATA.resolve("productSuppliers.csv").toString(),
        "--items", DATA.resolve("products.csv").toString(),
        "--out", out.toString());

    assertEquals(0, run.exitCode(), run.stderr());
    for (String report : REPORTS) {
      assertEquals(Files.readString(EXAMPLE.resolve(report), StandardCharsets.UTF_8),
          Files.readString(out.resolve(report), StandardCharsets.UTF_8), report);
    }
  }
}
