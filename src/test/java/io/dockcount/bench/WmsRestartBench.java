package io.dockcount.bench;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dockcount.app.Service;
import io.dockcount.app.ServiceSettings;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import io.dockcount.store.WmsLedger;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A restart with a large stored WMS book and a journal: how long until every zone answers.
 * Developer tool, not a test.
 *
 * <ul>
 *   <li>{@code seed DIR LOCATIONS WMSLINES}: {@link ServiceBench}'s zone seed (two book lines
 *       and a count per location), then a WMS delivery of {@code WMSLINES} book lines of zone Z
 *       stored as the newest snapshot, as a file drop's would be.
 *   <li>{@code serve DIR LOCATIONS}: starts the service with a file-drop WMS (so its stored book
 *       is restored before the zones start) and prints the seconds until every zone answers.
 * </ul>
 */
public final class WmsRestartBench {
  private WmsRestartBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    int locations = Integer.parseInt(args[2]);
    if (args[0].equals("seed")) {
      ServiceBench.main(new String[] {"seed-zone", dir.toString(), args[2]});
      int lines = Integer.parseInt(args[3]);
      MasterData.Builder book = MasterData.builder();
      for (int i = 0; i < lines; i++) {
        book.bookLine(String.format("Z-%03d-%02d-%s", i / 2000, (i / 20) % 100,
            "ABCDE".charAt(i % 5)), String.format("%07d", i), "", 1 + i % 40);
      }
      try (Store store = Store.open(settings(dir).store())) {
        new WmsLedger(store).saveImport(new MasterData(Map.of(), Map.of(), Map.of(),
            book.bookList()), "bench wms", "bench-wms-" + lines, "book", "Z");
      }
      System.out.printf("stored a WMS book of %d lines%n", lines);
    } else {
      MasterData master = ServiceBench.zoneMaster(locations);
      long t0 = System.nanoTime();
      Service service = Service.start(settings(dir), config(dir), master, "zone bench",
          ServiceBench.HASH, line -> { });
      try {
        long tStarted = System.nanoTime();
        ZoneRouter.Zones zones = ask(service, service.router(), ZoneRouter.GetZones::new);
        int records = 0;
        for (ActorRef<Zone.Command> z : zones.zones().values()) {
          records += ask(service, z, Zone.GetStatus::new).liveRecords();
        }
        System.out.printf("restart: Service.start %.2f s, every zone answering after %.2f s "
            + "(%d count records, book of %d lines)%n", (tStarted - t0) / 1e9,
            (System.nanoTime() - t0) / 1e9, records, service.master().book().size());
      } finally {
        service.stop();
      }
    }
  }

  private static <T, R> R ask(Service service, ActorRef<T> target,
      java.util.function.Function<ActorRef<R>, T> message) {
    return AskPattern.ask(target, message::apply, Duration.ofMinutes(5),
        service.system().scheduler()).toCompletableFuture().join();
  }

  private static Config config(Path dir) {
    Map<String, Object> m = new HashMap<>();
    m.put("dockcount.store.path", dir.resolve("dockcount").toString());
    m.put("dockcount.backup.dir", dir.resolve("backup").toString());
    m.put("dockcount.wms.schedule", "1h");
    m.put("dockcount.wms.file-drop.inbox", dir.resolve("inbox").toString());
    m.put("dockcount.wms.file-drop.poll-interval", "1h");
    m.put("akka.loglevel", "WARNING");
    return ConfigFactory.parseMap(m).withFallback(ConfigFactory.load()).resolve();
  }

  private static ServiceSettings settings(Path dir) {
    return ServiceSettings.from(config(dir), LocationScheme.dashed(), RecountPolicy.standard());
  }
}
