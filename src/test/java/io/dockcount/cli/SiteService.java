package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import com.typesafe.config.ConfigFactory;
import io.dockcount.app.Guardian;
import io.dockcount.app.MasterDataFiles;
import io.dockcount.app.Service;
import io.dockcount.core.barcode.VariableMeasure;
import io.dockcount.wms.SnapshotManager;
import io.dockcount.wms.WmsSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

  /**
   * Writes {@code dir}/site.conf: the start-up files book.csv and items.csv of {@code dir}, a
   * WMS pulled hourly through {@code wms} (the lines inside {@code dockcount.wms}), the store,
   * backups and reports in {@code dir}, and runs only when asked (a daily cycle).
   */
  static Path siteConf(Path dir, String wms) throws IOException {
    Path conf = dir.resolve("site.conf");
    write(conf, "dockcount {\n"
        + "  inputs { book = \"" + dir.resolve("book.csv") + "\", items = \""
        + dir.resolve("items.csv") + "\" }\n"
        + "  wms {\n"
        + "    schedule = 1h\n"
        + wms
        + "  }\n"
        + "  store.path = \"" + dir.resolve("db/dockcount") + "\"\n"
        + "  backup.dir = \"" + dir.resolve("backup") + "\"\n"
        + "  cycle { interval = 24h, after-close = 0, reports-dir = \""
        + dir.resolve("reports") + "\" }\n"
        + "}\n");
    return conf;
  }

  /** The {@code dockcount.wms} line of a file drop in {@code dir}/inbox, polled when asked. */
  static String fileDrop(Path dir) {
    return "    file-drop { inbox = \"" + dir.resolve("inbox") + "\", poll-interval = 1h }\n";
  }

  /**
   * Puts {@code csv} in {@code dir}/inbox as {@code name}, marked done, and pulls; the delivery
   * must go in.
   */
  static List<SnapshotManager.Outcome> drop(Service service, Path dir, String name, String csv)
      throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    write(inbox.resolve(name), csv);
    Files.createFile(inbox.resolve(name + ".done"));
    List<SnapshotManager.Outcome> pulled = pull(service);
    assertTrue(pulled.stream().allMatch(WmsSync::ok), pulled::toString);
    return pulled;
  }

  static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
