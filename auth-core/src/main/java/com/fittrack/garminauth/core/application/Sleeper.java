package com.fittrack.garminauth.core.application;

import java.time.Duration;

/** Waits between polls and retries; replaceable so tests need not wait for real. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
