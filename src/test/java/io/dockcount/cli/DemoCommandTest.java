package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo runs the whole service by itself and leaves a complete, signed-off count behind. */
final class DemoCommandTest {
  @Test
  void demo_runsToTheEnd_everyLocationConfirmed(@TempDir Path dir) throws Exception {
    int exit = Main.run("demo", "--dir", dir.toString(), "--cycle", "1s");

    assertEquals(0, exit);
    try (Store store = Store.open(StoreSettings.under(dir))) {
      Map<String, String> last = new TreeMap<>();
      for (String zone : new String[] {"A", "B", "C"}) {
        for (Store.Stored e : store.loadZone(zone).journal()) {
          if (e instanceof Store.StoredEvent ev) {
            last.put(ev.location(), ev.state());
          }
        }
      }
      assertEquals(12, last.size());
      assertTrue(last.values().stream().allMatch("CONFIRMED"::equals), last.toString());
      Map<String, Long> rows = store.counts();
      assertTrue(rows.get("recount_task") >= 6, rows.toString());
      assertEquals(1L, rows.get("rejected_scan"));
      assertTrue(rows.get("recon_run") >= 9, rows.toString());
    }
    try (var backups = Files.list(dir.resolve("backup"))) {
      assertTrue(backups.anyMatch(p -> p.toString().endsWith(".zip")));
    }
  }
}
