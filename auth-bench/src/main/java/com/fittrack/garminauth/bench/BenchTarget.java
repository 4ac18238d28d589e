package com.fittrack.garminauth.bench;

import com.fittrack.garminauth.persistence.DatabaseSettings;
import java.nio.file.Path;

/**
 * Which database a benchmark runs on, as one string that fits in a JMH parameter: {@code h2mem} (a
 * private in-memory H2, seeded by the benchmark itself; for the smoke test), {@code h2file:<dir>}
 * (the embedded default of the standalone server) or {@code postgres:<jdbc url>} (user {@code
 * postgres}, no password: the trusted local test server).
 */
public record BenchTarget(String label, DatabaseSettings settings) {

  public static BenchTarget parse(String spec) {
    if (spec.equals("h2mem")) {
      return new BenchTarget("H2 (in memory)", DatabaseSettings.h2InMemory());
    }
    if (spec.startsWith("h2file:")) {
      return new BenchTarget(
          "H2 (file)", DatabaseSettings.h2File(Path.of(spec.substring("h2file:".length()))));
    }
    if (spec.startsWith("postgres:")) {
      String url = spec.substring("postgres:".length());
      return new BenchTarget("PostgreSQL", DatabaseSettings.postgres(url, "postgres", ""));
    }
    throw new IllegalArgumentException("unknown benchmark target " + spec);
  }

  /** A short name for tables: {@code H2} or {@code PostgreSQL}. */
  public static String shortName(String spec) {
    return spec.startsWith("postgres:") ? "PostgreSQL" : "H2";
  }
}
