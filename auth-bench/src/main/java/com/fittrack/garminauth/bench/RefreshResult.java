package com.fittrack.garminauth.bench;

/**
 * One JMH result of {@link RefreshThroughputBenchmark}: how long a sweep of {@code due} sessions
 * took, and what that is against the ceiling {@code parallelism / latency}.
 */
public record RefreshResult(
    String target,
    String garmin,
    int parallelism,
    int latencyMillis,
    int batchSize,
    int stored,
    int due,
    Estimate secondsPerSweep) {

  /** Refreshes per second if every worker were always waiting on Garmin and nothing else. */
  public double ceiling() {
    return parallelism * 1000.0 / latencyMillis;
  }

  public Estimate achieved() {
    return secondsPerSweep.reciprocalTimes(due);
  }

  public Estimate fractionOfCeiling() {
    return achieved().times(1 / ceiling());
  }
}
