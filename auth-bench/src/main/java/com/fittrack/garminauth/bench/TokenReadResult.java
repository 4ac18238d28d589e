package com.fittrack.garminauth.bench;

/**
 * One JMH result of {@link TokenReadBenchmark}: the mean time per read (with its error bar) and the
 * 50th and 99th percentiles, in microseconds.
 */
public record TokenReadResult(
    String target,
    int users,
    int threads,
    String method,
    Estimate meanMicros,
    double p50,
    double p99) {

  /** Reads per second over all threads: each thread reads back to back, so threads / mean. */
  public Estimate opsPerSecond() {
    return meanMicros.reciprocalTimes(threads * 1_000_000.0);
  }

  public boolean isFloor() {
    return method.startsWith("floor");
  }
}
