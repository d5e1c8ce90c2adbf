package io.dockcount.console;

import akka.actor.typed.javadsl.AskPattern;
import akka.pattern.StatusReply;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.dockcount.app.Service;
import io.dockcount.app.ServiceSettings;
import io.dockcount.core.CountRecord;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.store.MasterData;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A running service with its console on 127.0.0.1 (a free port, or the next of the range system
 * property {@value #PORTS} gives) over a temporary directory, for console tests: zone A has
 * three locations (one never counted), zone B one. Cycles are an hour apart, so zones
 * reconcile only when asked (a zone close). Close it at the end.
 */
public final class ConsoleFixture implements AutoCloseable {
  /** What the stations say now, as the station wiring would answer; none unless a test puts. */
  public final Map<String, StationStatus.Live> live =
      new java.util.concurrent.ConcurrentHashMap<>();

  public static final String USER = "maria";
  public static final String PASSWORD = "correct horse battery staple";
  public static final String TOKEN = "test-token-0123456789abcdef";

  /** SKU 0100 costs 5.00, SKU 0200 100.00, SKU 0300 1.00; SKU 0400 has no cost. */
  public static final MasterData MASTER = new MasterData(
      Map.of("0100", new MasterData.Item("0100", "bolt", new BigDecimal("5.00"), null),
          "0200", new MasterData.Item("0200", "pump", new BigDecimal("100.00"), null),
          "0300", new MasterData.Item("0300", "washer", new BigDecimal("1.00"), null),
          "0400", new MasterData.Item("0400", "sample", null, null)),
      Map.of(),
      Map.of(),
      List.of(new MasterData.BookLine("A-01-01-A", "0100", "", 10),
          new MasterData.BookLine("A-01-02-A", "0200", "", 4),
          new MasterData.BookLine("A-02-01-A", "0300", "", 7),
          new MasterData.BookLine("B-01-01-A", "0100", "", 3)));

  /** The real clock, which a test can move ahead by hand (session expiry, login window). */
  public static final class ManualClock extends Clock {
    private volatile Duration ahead = Duration.ZERO;

    public void advance(Duration d) {
      ahead = ahead.plus(d);
    }

    /** Goes back to the real time. */
    public void reset() {
      ahead = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(ahead);
    }
  }

  public final Service service;
  public final ConsoleServer console;
  public final ConsoleSettings settings;
  public final ManualClock clock = new ManualClock();
  public final String base;
  private final HttpClient http;
  private long sequence;

  /**
   * Starts the service and console.
   *
   * @param overrides console settings over the defaults, e.g. {@code open-view = true}
   */
  public ConsoleFixture(Path dir, String overrides) {
    this(dir, overrides, ConfigFactory.empty());
  }

  /** As {@link #ConsoleFixture(Path, String)}, with {@code more} service settings over all. */
  public ConsoleFixture(Path dir, String overrides, Config more) {
    this(dir, overrides, more, Map.of(ConsoleSettings.TOKEN_ENV, TOKEN));
  }

  /** As {@link #ConsoleFixture(Path, String, Config)}, the service's environment {@code env}. */
  public ConsoleFixture(Path dir, String overrides, Config more, Map<String, String> env) {
    Config config = more.withFallback(ConfigFactory.parseString(overrides)
            .atPath("dockcount.console"))
        .withFallback(ConfigFactory.parseMap(Map.of(
            "dockcount.store.path", dir.resolve("dockcount").toString(),
            "dockcount.backup.dir", dir.resolve("backup").toString(),
            "dockcount.cycle.interval", "1h",
            "dockcount.console.users", ConfigValueFactory.fromIterable(List.of(Map.of(
                "name", USER, "hash", Passwords.hash(PASSWORD.toCharArray(), 1000)))))))
        .withFallback(ConfigFactory.load()).resolve();
    ServiceSettings s = ServiceSettings.from(config, LocationScheme.dashed(),
        RecountPolicy.standard());
    this.settings = ConsoleSettings.from(config, env)
        .withAddress("127.0.0.1", consolePort());
    this.service = Service.start(s, config, MASTER, "console test book", "console-test",
        line -> { });
    try {
      this.console = ConsoleServer.start(new ConsoleServer.Wiring(service.system(),
              service.router(), service.store(), MASTER, LocationScheme.dashed(),
              RecountAlerts.logging(),
              () -> java.util.concurrent.CompletableFuture.completedFuture(Map.copyOf(live)),
              () -> service.wmsStatus(java.time.Duration.ofSeconds(5))), settings, clock)
          .toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      service.stop();
      throw new IllegalStateException("console did not start", e);
    }
    this.base = (settings.tls() == null ? "http" : "https") + "://127.0.0.1:"
        + console.address().getPort();
    this.http = settings.tls() == null ? HttpClient.newHttpClient()
        : HttpClient.newBuilder().sslContext(trusting(settings.tls())).build();
  }

  /** The next port of the range {@value #PORTS} names, in turn. */
  private static final java.util.concurrent.atomic.AtomicInteger portsTaken =
      new java.util.concurrent.atomic.AtomicInteger();

  /** System property of the loopback ports the consoles may bind, "first-last". */
  static final String PORTS = "dockcount.test.console-ports";

  /**
   * Returns the port a console binds: the next free one of the range in system property
   * {@value #PORTS} (a machine shared with others keeps each to its own ports), taken in turn
   * and skipping one still bound (a class's console outlives its tests' own), else 0 (a free
   * one).
   */
  static int consolePort() {
    String range = System.getProperty(PORTS, "");
    if (range.isBlank()) {
      return 0;
    }
    String[] ends = range.strip().split("-");
    int first = Integer.parseInt(ends[0].strip());
    int last = Integer.parseInt(ends[ends.length - 1].strip());
    int port = first;
    for (int tried = 0; tried <= last - first; tried++) {
      port = first + Math.floorMod(portsTaken.getAndIncrement(), last - first + 1);
      try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
        probe.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        return port;
      } catch (java.io.IOException inUse) {
        // the next one
      }
    }
    return port; // every one bound: the bind says so
  }

  /** Trusts the certificate in the console's own keystore (self-signed in tests). */
  private static javax.net.ssl.SSLContext trusting(ConsoleSettings.Tls tls) {
    try (var in = java.nio.file.Files.newInputStream(tls.keystore())) {
      java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
      ks.load(in, tls.password().toCharArray());
      var tmf = javax.net.ssl.TrustManagerFactory.getInstance(
          javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      var ctx = javax.net.ssl.SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException("cannot trust " + tls.keystore(), e);
    }
  }

  /** Sends a count through the router, as a station does, and waits until it is durable. */
  public void count(String location, String sku, long eaches) {
    CountRecord r = new CountRecord("DOCK-1", "ana", location, sku, "EA",
        BigDecimal.valueOf(eaches), eaches, "", sku + " x" + eaches, ++sequence);
    StatusReply<Zone.CountRecorded> reply = AskPattern.<ZoneRouter.Command,
            StatusReply<Zone.CountRecorded>>ask(service.router(),
            replyTo -> new ZoneRouter.Route(new Zone.RecordCount(r, replyTo)),
            Duration.ofSeconds(10), service.system().scheduler())
        .toCompletableFuture().join();
    if (reply.isError()) {
      throw new IllegalStateException("count refused: " + reply.getError().getMessage());
    }
  }

  /** Closes a location as its counter does, through the router. */
  public void closeLocation(String location) {
    StatusReply<Zone.LocationChanged> reply = AskPattern.<ZoneRouter.Command,
            StatusReply<Zone.LocationChanged>>ask(service.router(),
            replyTo -> new ZoneRouter.Route(new Zone.CloseLocation(location, "ana", replyTo)),
            Duration.ofSeconds(10), service.system().scheduler())
        .toCompletableFuture().join();
    if (reply.isError()) {
      throw new IllegalStateException("close refused: " + reply.getError().getMessage());
    }
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
  }

  public HttpResponse<String> post(String path, String body, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
  }

  private HttpResponse<String> send(HttpRequest.Builder b, String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(b.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    service.stop();
  }
}
