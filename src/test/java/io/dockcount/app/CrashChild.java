package io.dockcount.app;

import akka.actor.typed.javadsl.AskPattern;
import akka.pattern.StatusReply;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dockcount.core.CountRecord;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The process {@link CrashTest} kills: runs the service on the demo data and sends counts one
 * after another, printing {@code ACK <seq>} for each acknowledged one, until killed (or after
 * 100 000 counts, so it never runs forever).
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    Config config = ConfigFactory.parseMap(Map.of(
        "dockcount.store.path", dir.resolve("dockcount").toString(),
        "dockcount.backup.dir", dir.resolve("backup").toString(),
        "akka.loglevel", "WARNING")).withFallback(ConfigFactory.load()).resolve();
    ServiceSettings settings = ServiceSettings.from(config, LocationScheme.dashed(),
        RecountPolicy.standard());
    DemoData data = DemoData.generate(42);
    Service service = Service.start(settings, config, data.master(), "crash test", "seed-42",
        line -> { });
    System.out.println("READY");
    for (long i = 1; i <= 100_000; i++) {
      CountRecord r = new CountRecord("DOCK-9", "crash", "A-01-01-A", "00900", "EA",
          BigDecimal.ONE, 1, "", "crash " + i, i);
      StatusReply<Zone.CountRecorded> reply = AskPattern.<ZoneRouter.Command,
              StatusReply<Zone.CountRecorded>>ask(service.router(),
              ref -> new ZoneRouter.Route(new Zone.RecordCount(r, ref)), Duration.ofSeconds(10),
              service.system().scheduler())
          .toCompletableFuture().join();
      System.out.println("ACK " + reply.getValue().seq() + " " + i);
      System.out.flush();
    }
    service.stop();
  }
}
