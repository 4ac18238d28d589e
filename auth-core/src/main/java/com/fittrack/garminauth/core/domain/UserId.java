package com.fittrack.garminauth.core.domain;

import java.util.regex.Pattern;

/**
 * A FitTrack user id: 1 to 128 characters of {@code [A-Za-z0-9._:@-]}. Validated on construction,
 * so a {@code UserId} that exists is always safe to use in a path, a log line or a SQL parameter.
 */
public record UserId(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

  public UserId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new ValidationException(
          "userId", "must be 1-128 characters of letters, digits and . _ : @ -");
    }
  }

  public static UserId of(String value) {
    return new UserId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
