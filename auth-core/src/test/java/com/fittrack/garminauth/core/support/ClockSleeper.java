package com.fittrack.garminauth.core.support;

import com.fittrack.garminauth.core.application.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Sleeper} that moves the test clock forward instead of waiting, and remembers each wait.
 */
public final class ClockSleeper implements Sleeper {
  private final MutableClock clock;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  public ClockSleeper(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    clock.advance(duration);
  }

  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
