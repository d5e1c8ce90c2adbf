package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import com.typesafe.config.ConfigFactory;
import io.dockcount.app.Guardian;
import io.dockcount.app.MasterDataFiles;
import io.dockcount.app.Service;
import io.dockcount.core.barcode.VariableMeasure;
import io.dockcount.wms.SnapshotManager;
import io.dockcount.wms.WmsSync;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The service as {@code run} starts it from a site file, and the asks the restart tests make
 * of it: they stop and start it on one store, so each start goes the whole way.
 */
final class SiteService {
  static final Duration ASK = Duration.ofSeconds(20);

  private SiteService() {}

  /** Starts the service on the site file {@code conf}; its start-up files must read whole. */
  static Service start(Path conf) throws Exception {
    return start(conf, a -> { });
  }

  /** As above, printing each alert to {@code alerts} as {@code run} prints it. */
  static Service start(Path conf, java.util.function.Consumer<io.dockcount.alert.Alert> alerts)
      throws Exception {
    ServiceConfig c = ServiceConfig.load(conf, ConfigFactory.parseMap(
        Map.of("akka.loglevel", "WARNING")));
    MasterDataFiles.Loaded loaded = MasterDataFiles.load(c.settings.inputs(),
        c.reconcile.columns, false, VariableMeasure.NONE, c.reconcile.decimalComma);
    assertEquals(0, loaded.bookRowsRejected(), () -> "not started: " + loaded.rejections());
    return Service.start(c.settings, c.config, loaded.data(), loaded.source(),
        loaded.contentHash(), alerts);
  }

  /** Returns what a whole pull of the WMS sync, begun after this call, did. */
  static List<SnapshotManager.Outcome> pull(Service service) throws Exception {
    Optional<ActorRef<WmsSync.Command>> wms = ask(service, service.system(),
        Guardian.GetWms::new);
    return ask(service, wms.orElseThrow(), WmsSync.PullNow::new).outcomes();
  }

  static <Q, T> T ask(Service service, ActorRef<Q> to, Function<ActorRef<T>, Q> message)
      throws Exception {
    return AskPattern.<Q, T>ask(to, message::apply, ASK, service.system().scheduler())
        .toCompletableFuture().get(ASK.toSeconds() + 5, TimeUnit.SECONDS);
  }
}
