package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque cursors: base64url of a kind prefix and a value, so that clients do not build them and a
 * cursor of one listing is refused by another.
 */
final class Cursors {
  private static final String USER = "u1:";
  private static final String EVENT = "e1:";
  private static final int MAX_LENGTH = 256;

  private Cursors() {}

  static String ofUser(UserId userId) {
    return encode(USER + userId.value());
  }

  static UserId user(String cursor) {
    try {
      return UserId.of(decode(cursor, USER));
    } catch (ValidationException e) {
      throw invalid();
    }
  }

  static String ofPosition(long position) {
    return encode(EVENT + position);
  }

  static long position(String cursor) {
    try {
      long p = Long.parseLong(decode(cursor, EVENT));
      if (p < 0) {
        throw invalid();
      }
      return p;
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static String encode(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor, String kind) {
    if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
      throw invalid();
    }
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!raw.startsWith(kind)) {
      throw invalid();
    }
    return raw.substring(kind.length());
  }

  private static ValidationException invalid() {
    return new ValidationException("cursor", "is not a cursor this listing handed out");
  }
}
