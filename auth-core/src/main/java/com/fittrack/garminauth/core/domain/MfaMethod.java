package com.fittrack.garminauth.core.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How Garmin delivers the MFA code ({@code email}, {@code sms}, ...). Garmin names the method; we
 * keep its word, lower-cased, after checking it is a plain short token.
 */
public record MfaMethod(String value) {
  private static final Pattern VALID = Pattern.compile("[a-z0-9_]{1,32}");
  public static final MfaMethod EMAIL = new MfaMethod("email");
  public static final MfaMethod SMS = new MfaMethod("sms");

  public MfaMethod {
    value = value == null ? null : value.toLowerCase(Locale.ROOT);
    if (value == null || !VALID.matcher(value).matches()) {
      throw new ValidationException("mfaMethod", "must be 1-32 characters of a-z, 0-9 and _");
    }
  }

  public static MfaMethod of(String value) {
    return new MfaMethod(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
