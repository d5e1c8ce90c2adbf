package io.dockcount.zone;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.DispatcherSelector;
import com.typesafe.config.ConfigFactory;
import io.dockcount.alert.Alert;
import io.dockcount.core.CountRecord;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.store.GroupCommitter;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** A store, journal and master data for zone tests; close it at the end of the test. */
final class ZoneFixture implements AutoCloseable {
  /** SKU 00913 costs 2.50, has a case of 12; SKU 0777 costs 40.00; ZZ999 has no cost. */
  static final MasterData MASTER = new MasterData(
      Map.of("00913", new MasterData.Item("00913", "widget", new BigDecimal("2.50"), null),
          "0777", new MasterData.Item("0777", "drill", new BigDecimal("40.00"), null),
          "ZZ999", new MasterData.Item("ZZ999", "no cost", null, null)),
      Map.of("00913", Map.of("CS", 12L)),
      Map.of(),
      List.of(new MasterData.BookLine("A-01-02-B", "00913", "", 30),
          new MasterData.BookLine("A-01-03-A", "0777", "", 10),
          new MasterData.BookLine("B-07-12-C", "00913", "", 24)));

  static ActorTestKit testKit() {
    return ActorTestKit.create(ConfigFactory.parseString("akka.loglevel = INFO")
        .withFallback(ConfigFactory.load()));
  }

  static Executor blocking(ActorTestKit kit) {
    return kit.system().dispatchers().lookup(
        DispatcherSelector.fromConfig("dockcount-blocking-dispatcher"));
  }

  static ZoneSettings settings(Duration interval, String threshold, int maxRecounts) {
    return new ZoneSettings(interval, new BigDecimal(threshold), maxRecounts,
        LocationScheme.dashed(), RecountPolicy.standard());
  }

  final Store store;
  final GroupCommitter journal;
  final ZoneDeps deps;

  ZoneFixture(ActorTestKit kit, Path dir, ZoneSettings settings, Consumer<Alert> alerts) {
    this.store = Store.open(StoreSettings.under(dir));
    this.journal = new GroupCommitter(store, blocking(kit));
    this.deps = new ZoneDeps(store, journal, blocking(kit), MASTER, null, settings, alerts);
  }

  List<MasterData.BookLine> book(String zone) {
    return MASTER.book().stream().filter(b -> b.location().startsWith(zone + "-")).toList();
  }

  static CountRecord count(String location, String sku, long eaches, long sequence) {
    return new CountRecord("DOCK-1", "ana", location, sku, "EA", BigDecimal.valueOf(eaches),
        eaches, "", sku + "\r", sequence);
  }

  @Override
  public void close() {
    journal.close();
    store.close();
  }
}
