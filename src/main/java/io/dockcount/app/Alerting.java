package io.dockcount.app;

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
 * enabled, the relays on the one Pi4J context of the process (made and shut down by the
 * command that starts the service, after the relays and station lights are released).
 */
final class Alerting implements AutoCloseable {
  private final Notifier notifier;

  private Alerting(Notifier notifier) {
    this.notifier = notifier;
  }

  /**
   * Reads {@code dockcount.alerts}, arms the relays when enabled and starts the notifier.
   *
   * @param gpio the process's one Pi4J context (null without GPIO); its owner shuts it down
   *
   * @throws IllegalArgumentException naming a bad setting or a missing secret
   */
  static Alerting start(Config config, Store store, Context gpio) {
    AlertSettings s = AlertSettings.from(config);
    Announcer radio = null;
    if (s.radio().enabled()) {
      if (gpio == null) {
        throw new IllegalArgumentException("dockcount.alerts.radio.enabled: the radio needs "
            + "GPIO but the service was started without a Pi4J context");
      }
      Relays relays = Relays.arm(gpio, s.radio(), Relays::gpiodChipLabel);
      if (relays != null) {
        radio = new Announcer(s.radio(), relays,
            s.radio().speech().enabled() ? new Speech(s.radio().speech()) : null);
      }
    }
    Notifier notifier = new Notifier(s, new AlertOutbox(store),
        Notifier.senders(s, System.getenv(), System.out), radio, Clock.systemUTC());
    return new Alerting(notifier);
  }

  Notifier notifier() {
    return notifier;
  }

  /** Stops the notifier; the announcer releases the relays. The Pi4J context stays open. */
  @Override
  public void close() {
    notifier.close();
  }
}
