package com.fittrack.garminauth.persistence.crypto;

/**
 * The configured keys are unusable: malformed, missing a key the stored data needs, or not the key
 * that sealed it. A startup error; the message names key ids, never key material.
 */
public final class KeyRingException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public KeyRingException(String safeMessage) {
    super(safeMessage);
  }
}
