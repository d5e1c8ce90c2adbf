package io.dockcount.wms;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still at {@link WmsFixture#T0} until the test moves it. */
final class TestClock extends Clock {
  final AtomicReference<Instant> now = new AtomicReference<>(WmsFixture.T0);

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
    return now.get();
  }
}
