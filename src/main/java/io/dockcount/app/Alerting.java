package io.dockcount.app;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.typesafe.config.Config;
import io.dockcount.alert.AlertSettings;
import io.dockcount.alert.Announcer;
import io.dockcount.alert.Notifier;
import io.dockcount.alert.Relays;
import io.dockcount.alert.Speech;
import io.dockcount.store.AlertOutbox;
import io.dockcount.store.Store;
import java.time.Clock;

/**
 * The service's alert channels: the notifier over the store's outbox, and, when the radio is
 * enabled, the relays on the one Pi4J context of the process.
 */
final class Alerting implements AutoCloseable {
  private final Notifier notifier;
  private final Context gpio;

  private Alerting(Notifier notifier, Context gpio) {
    this.notifier = notifier;
    this.gpio = gpio;
  }

  /**
   * Reads {@code dockcount.alerts}, arms the relays when enabled and starts the notifier.
   *
   * @throws IllegalArgumentException naming a bad setting or a missing secret
   */
  static Alerting start(Config config, Store store) {
    AlertSettings s = AlertSettings.from(config);
    Context gpio = null;
    Announcer radio = null;
    if (s.radio().enabled()) {
      // LIMITATION: the one Pi4J context is made here while the radio is its only user; the
      // station LEDs (branch wire) must take this same context when both are merged.
      gpio = Pi4J.newAutoContext();
      Relays relays = Relays.arm(gpio, s.radio(), Relays::gpiodChipLabel);
      if (relays != null) {
        radio = new Announcer(s.radio(), relays,
            s.radio().speech().enabled() ? new Speech(s.radio().speech()) : null);
      }
    }
    // LIMITATION: nothing raises STATION_DISCONNECTED or STALE_SNAPSHOT yet (stations are not
    // wired into run; the book's age is the WMS branch's); both enter through Service.raise.
    Notifier notifier = new Notifier(s, new AlertOutbox(store),
        Notifier.senders(s, System.getenv(), System.out), radio, Clock.systemUTC());
    return new Alerting(notifier, gpio);
  }

  Notifier notifier() {
    return notifier;
  }

  @Override
  public void close() {
    notifier.close();
    if (gpio != null) {
      gpio.shutdown(); // outputs go to their shutdown state: relays released
    }
  }
}
