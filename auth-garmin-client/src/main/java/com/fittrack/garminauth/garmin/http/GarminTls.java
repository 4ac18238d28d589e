package com.fittrack.garminauth.garmin.http;

import java.util.Locale;
import java.util.Optional;

/**
 * Which TLS stack shakes hands with Garmin (ADR 0212). {@link #CONSCRYPT} is BoringSSL through
 * Conscrypt 2.5.2, whose ClientHello under OkHttp is the Garmin Connect Android app's (JA4 {@code
 * t13d1513h2_8daaf6152771_eca864cca44a}); {@link #JDK} is the JVM's own JSSE, which looks like a
 * JVM to Garmin's front; {@link #AUTO}, the default, is Conscrypt where its native library loads
 * and the JDK elsewhere (e.g. on aarch64, for which Conscrypt 2.5.2 ships no library).
 */
public enum GarminTls {
  AUTO,
  CONSCRYPT,
  JDK;

  /** The configuration spelling: {@code auto}, {@code conscrypt} or {@code jdk}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads a configuration value; empty when it is not one of the three names. */
  public static Optional<GarminTls> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (GarminTls tls : values()) {
      if (tls.wireName().equals(value.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(tls);
      }
    }
    return Optional.empty();
  }
}
