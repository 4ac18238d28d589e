package com.fittrack.garminauth.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that stands still until the test moves it, safe to share between threads. Hand the
 * same one to the core, the database adapter, the Garmin client and FakeGarmin, and token expiries
 * happen exactly when the test says, however slow the machine is.
 *
 * <pre>{@code
 * TestClock clock = new TestClock(Instant.parse("2030-01-01T08:00:00Z"));
 * clock.advance(Duration.ofHours(2)); // every access token issued at the start has expired
 * }</pre>
 */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;

  public TestClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  public void advance(Duration by) {
    Objects.requireNonNull(by, "by");
    now.updateAndGet(t -> t.plus(by));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Only UTC: a clock in another zone would no longer move with this one. */
  @Override
  public Clock withZone(ZoneId zone) {
    if (ZoneOffset.UTC.equals(zone)) {
      return this;
    }
    throw new UnsupportedOperationException("TestClock is UTC only");
  }
}
