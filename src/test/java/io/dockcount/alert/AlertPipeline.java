package io.dockcount.alert;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.DispatcherSelector;
import akka.pattern.StatusReply;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import io.dockcount.core.CountRecord;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.store.AlertOutbox;
import io.dockcount.store.GroupCommitter;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneDeps;
import io.dockcount.zone.ZoneSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The whole alert path as the service runs it: a zone actor on a real H2 store, the notifier
 * with the real Twilio client talking to a local server, and the relays on Pi4J's mock GPIO.
 * Used by the pipeline test and by {@link AlertBench}.
 */
final class AlertPipeline implements AutoCloseable {
  static final String SKU = "0777"; // 40.00 each: 6 short is 240.00, over the 200.00 threshold

  final LocalHttp http;
  final Store store;
  final GroupCommitter journal;
  final Context pi4j;
  final Notifier notifier;
  final ActorRef<Zone.Command> zone;
  final BlockingQueue<Long> keyed = new LinkedBlockingQueue<>();
  final List<Alert> alerts = java.util.Collections.synchronizedList(new ArrayList<>());
  final BlockingQueue<Long> raised = new LinkedBlockingQueue<>();
  private final ActorTestKit kit;
  private long sequence;

  AlertPipeline(ActorTestKit kit, Path dir, int locations) throws Exception {
    this.kit = kit;
    http = new LocalHttp();
    store = Store.open(StoreSettings.under(dir));
    Executor blocking = kit.system().dispatchers().lookup(
        DispatcherSelector.fromConfig("dockcount-blocking-dispatcher"));
    journal = new GroupCommitter(store, blocking);
    List<MasterData.BookLine> book = new ArrayList<>();
    for (int i = 0; i < locations; i++) {
      book.add(new MasterData.BookLine(location(i), SKU, "", 10));
    }
    MasterData master = new MasterData(
        Map.of(SKU, new MasterData.Item(SKU, "drill", new BigDecimal("40.00"), null)),
        Map.of(), Map.of(), book);
    AlertSettings s = AlertTestConfig.local(http, "channels.high-value = [radio, sms]\n"
        + "sms-limit.count = 1000000\n"
        + "sms.read-timeout = 10s\n" // as in production: no retry of a slow but good answer
        + "radio { enabled = true, provider = mock-digital-output, chime-pin = -1, "
        + "speech.enabled = false, pulse = [1ms], min-gap = 0ms, queue = 1000 }");
    pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
        .add(MockDigitalOutputProvider.newInstance()).build();
    Relays relays = Relays.arm(pi4j, s.radio(), () -> "pinctrl-rp1");
    relays.ptt().addListener(e -> {
      if (e.state() == DigitalState.HIGH) {
        keyed.add(System.nanoTime());
      }
    });
    notifier = new Notifier(s, new AlertOutbox(store),
        Notifier.senders(s, AlertTestConfig.env(http), System.out),
        new Announcer(s.radio(), relays, null), Clock.systemUTC());
    Consumer<Alert> sink = a -> {
      raised.add(System.nanoTime());
      alerts.add(a);
      notifier.accept(a);
    };
    ZoneSettings zs = new ZoneSettings(Duration.ofHours(1), new BigDecimal("200.00"), 1,
        LocationScheme.dashed(), RecountPolicy.standard());
    ZoneDeps deps = new ZoneDeps(store, journal, blocking, master, null, zs, sink);
    zone = kit.spawn(Zone.create("A", deps, book, Duration.ofHours(1)), "zone-A-" + dir.hashCode());
  }

  static String location(int i) {
    return String.format("A-%02d-%02d-C", 1 + i / 100, i % 100);
  }

  /** Counts 4 of the 10 on book at location {@code i}, acknowledged. */
  void countShort(int i) {
    TestProbe<StatusReply<Zone.CountRecorded>> p = kit.createTestProbe();
    zone.tell(new Zone.RecordCount(new CountRecord("DOCK-1", "ana", location(i), SKU, "EA",
        BigDecimal.valueOf(4), 4, "", SKU + "\r", ++sequence), p.getRef()));
    if (!p.receiveMessage(Duration.ofSeconds(10)).isSuccess()) {
      throw new AssertionError("count refused at " + location(i));
    }
  }

  /** Closes location {@code i}; returns System.nanoTime() at the moment it was told. */
  long close(int i, TestProbe<StatusReply<Zone.LocationChanged>> probe) {
    long t0 = System.nanoTime();
    zone.tell(new Zone.CloseLocation(location(i), "ana", probe.getRef()));
    return t0;
  }

  /** The next time PTT was keyed. */
  long nextKeyed(Duration wait) throws InterruptedException {
    Long t = keyed.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (t == null) {
      throw new AssertionError("PTT not keyed within " + wait);
    }
    return t;
  }

  @Override
  public void close() {
    notifier.close();
    pi4j.shutdown();
    kit.stop(zone);
    journal.close();
    store.close();
    http.close();
  }
}
