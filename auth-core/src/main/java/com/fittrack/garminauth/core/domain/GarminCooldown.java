package com.fittrack.garminauth.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Garmin pushed back on one host through one egress (a 429, a block page, a captcha): until {@code
 * until} nobody, in any process, asks that host again. {@code strikes} counts the blocks since the
 * last success (it drives the exponential backoff); {@code probeUntil} is set while one caller,
 * after {@code until}, is trying Garmin again for everyone.
 *
 * <p>The key is {@code <host>|<egress>}, e.g. {@code sso.garmin.com|direct}.
 */
public record GarminCooldown(
    String key, Instant since, Instant until, int strikes, Optional<Instant> probeUntil) {

  /** Longest key accepted (host, a bar, an egress label). */
  public static final int MAX_KEY_LENGTH = 200;

  public GarminCooldown {
    requireKey(key);
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(probeUntil, "probeUntil");
    if (strikes < 1) {
      throw new IllegalArgumentException("strikes must be at least 1");
    }
  }

  /** Checks a cooldown key: 1-200 printable ASCII characters. */
  public static String requireKey(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new ValidationException("cooldown", "must be 1-" + MAX_KEY_LENGTH + " characters");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new ValidationException("cooldown", "must be printable ASCII without spaces");
      }
    }
    return key;
  }

  /** Whether calls are still refused at {@code now} (before {@code until}). */
  public boolean isActive(Instant now) {
    return now.isBefore(until);
  }

  /** Whether another caller's probe is under way at {@code now}. */
  public boolean probing(Instant now) {
    return probeUntil.map(now::isBefore).orElse(false);
  }

  /** How long a caller should wait at {@code now}: to the end, or to the probe's end; never 0. */
  public Duration retryAfter(Instant now) {
    Instant end = isActive(now) ? until : probeUntil.filter(now::isBefore).orElse(now);
    Duration d = Duration.between(now, end);
    return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
  }
}
