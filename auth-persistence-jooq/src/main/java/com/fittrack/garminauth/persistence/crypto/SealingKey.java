package com.fittrack.garminauth.persistence.crypto;

import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key and the id that every value it seals carries. The id is not secret; the key is,
 * so {@link #toString()} shows only the id.
 */
public final class SealingKey {
  private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  static final int KEY_BYTES = 32;

  private final String id;
  private final SecretKey key;

  SealingKey(String id, byte[] keyBytes) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(keyBytes, "keyBytes");
    if (!VALID_ID.matcher(id).matches()) {
      throw new KeyRingException("a key id must be 1-32 characters of A-Z, a-z, 0-9, _ and -");
    }
    if (keyBytes.length != KEY_BYTES) {
      throw new KeyRingException(
          "key '" + id + "' must be " + KEY_BYTES + " bytes (AES-256), not " + keyBytes.length);
    }
    this.id = id;
    this.key = new SecretKeySpec(keyBytes, "AES");
  }

  public String id() {
    return id;
  }

  SecretKey secretKey() {
    return key;
  }

  @Override
  public String toString() {
    return "SealingKey[" + id + "]";
  }
}
