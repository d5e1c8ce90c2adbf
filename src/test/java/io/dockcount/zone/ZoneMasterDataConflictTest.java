package io.dockcount.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import io.dockcount.app.MasterDataFiles;
import io.dockcount.app.ServiceSettings;
import io.dockcount.csv.ColumnMap;
import io.dockcount.store.MasterData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up files that disagree with themselves (two costs, two factors for a unit, a factor for
 * a spelling of each) flag the SKU's lines {@code master_data_conflict} in the zone's report,
 * as reconcile flags them in recon.csv for the same files.
 */
final class ZoneMasterDataConflictTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static ActorTestKit kit;

  @BeforeAll
  static void start() {
    kit = ZoneFixture.testKit();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void conflictingStartUpFiles_flagTheirSkusLines_asReconcileDoes(@TempDir Path dir)
      throws IOException {
    Path book = write(dir, "book.csv", "sku,location,book_qty\n00913,A-01-02-B,30\n"
        + "0777,A-01-03-A,10\n0778,A-01-03-A,4\n0779,A-01-03-A,5\n");
    Path items = write(dir, "items.csv", "sku,unit_cost\n00913,2.50\n00913,2.75\n0777,40.00\n"
        + "0778,1.00\n0779,1.00\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\n0777,PC,10\n0778,CS,12\n0778,CS,6\n");
    MasterData master = MasterDataFiles.load(new ServiceSettings.Inputs(book, items, uom, null),
        new ColumnMap()).data();
    Path reports = dir.resolve("reports");
    ZoneSettings base = ZoneFixture.settings(HOUR, "500", 1);
    ZoneSettings settings = new ZoneSettings(base.cycleInterval(), base.highValueThreshold(),
        base.maxRecounts(), base.scheme(), base.policy(), reports);

    try (ZoneFixture f = new ZoneFixture(kit, dir, settings, a -> { })) {
      ZoneDeps deps = new ZoneDeps(f.store, f.journal, ZoneFixture.blocking(kit), master, null,
          settings, a -> { });
      ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", deps, master.book(), HOUR));
      close(zone, "A-01-02-B");
      close(zone, "A-01-03-A");
      TestProbe<Zone.RunCompleted> probe = kit.createTestProbe();
      zone.tell(new Zone.Reconcile(probe.getRef()));
      probe.receiveMessage(WAIT);

      Map<String, String> flags = Files.readAllLines(reports.resolve("zone-A.csv")).stream()
          .skip(1).map(l -> l.split(",", -1))
          .collect(Collectors.toMap(c -> c[0], c -> c[13]));
      assertEquals(Map.of("00913", "missing_cost|counted_zero|master_data_conflict",
          "0777", "counted_zero|master_data_conflict",
          "0778", "counted_zero|master_data_conflict", "0779", "counted_zero"), flags);
    }
  }

  private static void close(ActorRef<Zone.Command> zone, String location) {
    TestProbe<StatusReply<Zone.LocationChanged>> probe = kit.createTestProbe();
    zone.tell(new Zone.CloseLocation(location, "ana", probe.getRef()));
    assertEquals(true, probe.receiveMessage(WAIT).isSuccess());
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
