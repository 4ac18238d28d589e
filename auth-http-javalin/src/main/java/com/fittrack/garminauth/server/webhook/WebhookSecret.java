package com.fittrack.garminauth.server.webhook;

import java.util.Arrays;
import java.util.Base64;

/**
 * An endpoint's signing secret in the Standard Webhooks form: {@code whsec_} and the base64 of 24
 * to 64 random bytes. {@link #toString()} never shows it.
 */
public final class WebhookSecret {
  static final String PREFIX = "whsec_";
  private final byte[] key;

  private WebhookSecret(byte[] key) {
    this.key = key;
  }

  /** Parses {@code whsec_<base64>}; the message of a failure never contains the value. */
  public static WebhookSecret parse(String value) {
    if (value == null || !value.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a webhook secret must start with whsec_");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a webhook secret must be whsec_ and base64");
    }
    if (key.length < 24 || key.length > 64) {
      throw new IllegalArgumentException(
          "a webhook secret must hold 24 to 64 bytes (got " + key.length + ")");
    }
    return new WebhookSecret(key);
  }

  byte[] key() {
    return Arrays.copyOf(key, key.length);
  }

  @Override
  public String toString() {
    return "whsec_[redacted]";
  }
}
