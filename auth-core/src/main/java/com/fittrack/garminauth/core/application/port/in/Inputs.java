package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.ValidationException;

/** Checks shared by the commands. */
final class Inputs {
  private Inputs() {}

  /** Non-null, {@code min}-{@code max} characters, no control characters. */
  static String requireText(String field, String value, int min, int max) {
    if (value == null) {
      throw new ValidationException(field, "is required");
    }
    if (value.length() < min || value.length() > max) {
      throw new ValidationException(field, "must be " + min + "-" + max + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new ValidationException(field, "must not contain control characters");
      }
    }
    return value;
  }
}
