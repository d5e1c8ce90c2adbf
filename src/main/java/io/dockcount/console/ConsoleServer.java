package io.dockcount.console;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.http.javadsl.ConnectionContext;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBuilder;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.settings.ServerSettings;
import io.dockcount.core.LocationScheme;
import io.dockcount.store.ConsoleQueries;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import io.dockcount.zone.ZoneRouter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor console's HTTP server inside the service (akka-http on the service's actor
 * system). It stops taking requests in the first phase of coordinated shutdown, before the zones
 * and the store close.
 */
public final class ConsoleServer {
  private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);

  private final ServerBinding binding;

  private ConsoleServer(ServerBinding binding) {
    this.binding = binding;
  }

  /** What the console reads and acts on. */
  public record Wiring(ActorSystem<?> system, ActorRef<ZoneRouter.Command> router, Store store,
      MasterData master, LocationScheme scheme, RecountAlerts alerts,
      StationStatus stations, WmsLink wms) {

    /** Wiring without a WMS link to show. */
    public Wiring(ActorSystem<?> system, ActorRef<ZoneRouter.Command> router, Store store,
        MasterData master, LocationScheme scheme, RecountAlerts alerts,
        StationStatus stations) {
      this(system, router, store, master, scheme, alerts, stations, WmsLink.NONE);
    }
  }

  /**
   * Binds the console on the configured address; the stage fails when the address cannot be
   * bound (in use, not local).
   */
  public static CompletionStage<ConsoleServer> start(Wiring w, ConsoleSettings settings,
      Clock clock) {
    // Its own threads: a slow report never holds those the journal and the zones' runs use.
    Executor blocking = w.system().dispatchers().lookup(
        DispatcherSelector.fromConfig("dockcount-console-dispatcher"));
    ConsoleBackend backend = new ConsoleBackend(w.system(), w.router(),
        new ConsoleQueries(w.store()), blocking, w.master(), w.scheme(), w.alerts(),
        w.stations(), w.wms(), settings, clock);
    ConsoleRoutes routes = new ConsoleRoutes(backend, settings, clock);
    // The client's address is needed to limit failed logins per address.
    ServerSettings server = ServerSettings.create(w.system().settings().config())
        .withRemoteAddressAttribute(true);
    ServerBuilder at = Http.get(w.system()).newServerAt(settings.host(), settings.port())
        .withSettings(server);
    if (settings.tls() != null) {
      try {
        at = at.enableHttps(ConnectionContext.httpsServer(sslContext(settings.tls())));
      } catch (IllegalArgumentException e) {
        return java.util.concurrent.CompletableFuture.failedFuture(e);
      }
    }
    String scheme = settings.tls() == null ? "http" : "https";
    return at.bind(routes.routes())
        .thenApply(b -> {
          b.addToCoordinatedShutdown(Duration.ofSeconds(5), w.system());
          log.info("console: listening on {}://{}:{}/ (viewing {}; {} user(s); API token {})",
              scheme, b.localAddress().getHostString(), b.localAddress().getPort(),
              settings.openView() ? "open without login" : "after login",
              settings.users().size(), settings.apiToken() == null ? "not set" : "set");
          return new ConsoleServer(b);
        });
  }

  /** Loads the keystore; a wrong file or password stops the console, not the service. */
  private static SSLContext sslContext(ConsoleSettings.Tls tls) {
    char[] password = tls.password().toCharArray();
    try (InputStream in = Files.newInputStream(tls.keystore())) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(
          KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("dockcount.console.tls.keystore " + tls.keystore()
          + " cannot be used: " + e.getMessage(), e);
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  /** Returns the address the server listens on (the real port when 0 was configured). */
  public InetSocketAddress address() {
    return binding.localAddress();
  }

  /** Stops taking connections and ends open requests within {@code grace}. */
  public CompletionStage<Done> stop(Duration grace) {
    return binding.terminate(grace).thenApply(t -> Done.getInstance());
  }
}
