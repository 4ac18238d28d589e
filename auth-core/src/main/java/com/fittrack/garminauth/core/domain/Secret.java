package com.fittrack.garminauth.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (token, refresh token, OAuth1 secret, password, MFA resume state) that never
 * prints itself. {@link #toString()} is redacted; only {@link #reveal()} gives the value, so every
 * place that needs the clear text is easy to find.
 *
 * <pre>{@code
 * Secret password = Secret.of(rawPassword);
 * log.info("signing in with {}", password); // prints "[redacted]"
 * }</pre>
 */
public final class Secret {
  private static final String REDACTED = "[redacted]";
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a non-empty value. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value);
  }

  /** The clear-text value. Call it only where the value leaves for Garmin or for storage. */
  public String reveal() {
    return value;
  }

  /** Length in characters, for size checks that must not reveal the value. */
  public int length() {
    return value.length();
  }

  /** Compares in constant time with a clear-text candidate. */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && matches(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return REDACTED;
  }
}
