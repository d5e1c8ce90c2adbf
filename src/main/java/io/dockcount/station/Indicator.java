package io.dockcount.station;

import io.dockcount.core.station.Feedback;

/**
 * A station's good/bad signal for the counter: a light or buzzer per outcome. Called from the
 * station's actor only, one call at a time. Implementations contain their own failures (a GPIO
 * write that fails is logged, never thrown): a broken lamp must not stop counting.
 */
public interface Indicator extends AutoCloseable {
  /** Shows the outcome (the other signal off). */
  void show(Feedback feedback);

  /** Turns both signals off. */
  void off();

  /** Turns both signals off and releases them. */
  @Override
  void close();

  /** A station without lights. */
  enum None implements Indicator {
    INSTANCE;

    @Override
    public void show(Feedback feedback) {}

    @Override
    public void off() {}

    @Override
    public void close() {}
  }
}
