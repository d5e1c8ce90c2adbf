package io.dockcount.cli;

import static io.dockcount.cli.SiteService.ask;
import static io.dockcount.cli.SiteService.pull;
import static io.dockcount.cli.SiteService.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.dockcount.app.Guardian;
import io.dockcount.app.Service;
import io.dockcount.store.MasterData;
import io.dockcount.wms.SnapshotManager;
import io.dockcount.wms.WmsSync;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zones absent from the WMS's whole book (its API on loopback), named as real sites name them:
 * with leading zeros, a space, a quote. Stored, listed after a restart, and forgotten once the
 * WMS lists them again.
 */
final class WmsAbsentZonesTest {
  private static final int PORT = TestPorts.loopback(22421);
  private static final String AB = "{\"sku\":\"0101\",\"location\":\"A-01-01-A\",\"book_qty\":5},"
      + "{\"sku\":\"0101\",\"location\":\"B-01-01-A\",\"book_qty\":4}";
  private static final String ZEROS = ",{\"sku\":\"0101\",\"location\":\"007-01-01-A\","
      + "\"book_qty\":3}";
  private static final String ODD = ",{\"sku\":\"0101\",\"location\":\"COLD ROOM\","
      + "\"book_qty\":2},{\"sku\":\"0102\",\"location\":\"O'HARE-01-01-A\",\"book_qty\":6}";

  @TempDir Path dir;
  private HttpServer api;
  private volatile String body;

  @AfterEach
  void stopApi() {
    if (api != null) {
      api.stop(0);
    }
  }

  @Test
  void oddlyNamedZones_absent_listedAfterRestart_andForgottenWhenBack() throws Exception {
    startApi();
    body = AB + ZEROS + ODD;
    Service service = start(conf());
    try {
      pull(service);
      body = AB;
      pull(service);
      assertEquals(Set.of("007", "COLD ROOM", "O'HARE"), status(service).absent().keySet());
    } finally {
      service.stop();
    }

    Service restarted = start(conf());
    try {
      assertEquals(Set.of("007", "COLD ROOM", "O'HARE"), status(restarted).absent().keySet(),
          "listed after the restart, names as the WMS spelled them");
      pull(restarted); // the start's own pull ends first: the next one sees the new book
      body = AB + ZEROS;
      List<SnapshotManager.Outcome> back = pull(restarted);
      WmsSync.WmsStatus after = status(restarted);

      assertEquals(Set.of("COLD ROOM", "O'HARE"), after.absent().keySet(), "zone 007 is back");
      assertEquals(SnapshotManager.Absence.KEPT, after.absent().get("O'HARE").absence());
      assertTrue(after.stale().isEmpty(), () -> "stale: " + after.stale());
      assertTrue(back.stream().anyMatch(o -> o instanceof SnapshotManager.Applied a
          && a.master().book().contains(new MasterData.BookLine("007-01-01-A", "0101", "", 3))
          && a.master().book().contains(new MasterData.BookLine("COLD ROOM", "0101", "", 2))),
          () -> "zone 007's book back, the absent ones kept: " + back);
    } finally {
      restarted.stop();
    }

    Service third = start(conf());
    try {
      assertEquals(Set.of("COLD ROOM", "O'HARE"), status(third).absent().keySet(),
          "zone 007 no longer listed after the next restart");
    } finally {
      third.stop();
    }
  }

  private WmsSync.WmsStatus status(Service service) throws Exception {
    return ask(service, ask(service, service.system(), Guardian.GetWms::new).orElseThrow(),
        WmsSync.GetStatus::new);
  }

  private void startApi() throws IOException {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
    api.createContext("/", ex -> {
      byte[] out = ("{\"data\":[" + body + "]}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, out.length);
      try (var o = ex.getResponseBody()) {
        o.write(out);
      }
    });
    api.start();
  }

  private Path conf() throws IOException {
    write(dir.resolve("book.csv"), "sku,location,book_qty\n0101,A-01-01-A,5\n"
        + "0101,B-01-01-A,4\n");
    write(dir.resolve("items.csv"), "sku,unit_cost\n0101,1.25\n0102,2.00\n");
    write(dir.resolve("token"), "test-token-not-secret\n");
    return SiteService.siteConf(dir, "    absent-zones = keep\n"
        + "    http { url = \"http://127.0.0.1:" + PORT + "\", token-env = \"\", token-file = \""
        + dir.resolve("token") + "\", paths.book = \"/book\", timeout = 20s }\n");
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
