package com.fittrack.garminauth.persistence.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals secrets with AES-256-GCM (JDK crypto only) into {@code gas1:<key id>:<base64url(nonce ||
 * ciphertext || tag)>}. Every value gets a fresh random 96-bit nonce; the format version, key id,
 * column and row owner are bound in as associated data, so a sealed value copied to another row or
 * column, or relabelled with another key id, does not open.
 */
public final class Sealer {
  static final String PREFIX = "gas1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyRing keys;

  public Sealer(KeyRing keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  public KeyRing keys() {
    return keys;
  }

  /** Seals {@code clear} with the active key for {@code column} of {@code owner}'s row. */
  public String seal(String clear, String owner, String column) {
    return sealWith(keys.active(), clear, owner, column);
  }

  /** Seals with a given key (the startup key check seals one canary per key). */
  public String sealWith(SealingKey key, String clear, String owner, String column) {
    Objects.requireNonNull(clear, "clear");
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(key.id(), owner, column));
      byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return PREFIX
          + ":"
          + key.id()
          + ":"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      // AES-GCM is mandatory in every JDK; reaching this means a broken runtime.
      throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getName());
    }
  }

  /**
   * Opens a value sealed for {@code column} of {@code owner}'s row, or throws {@link
   * UnreadableValueException} saying why (never what the value held).
   */
  public String open(String sealed, String owner, String column) {
    Objects.requireNonNull(sealed, "sealed");
    String[] parts = sealed.split(":", 3);
    if (parts.length != 3 || !PREFIX.equals(parts[0])) {
      throw new UnreadableValueException("it is not a sealed value of a known format");
    }
    SealingKey key =
        keys.find(parts[1])
            .orElseThrow(
                () ->
                    new UnreadableValueException(
                        "it was sealed with key '" + parts[1] + "', which is not configured"));
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new UnreadableValueException("its payload is not valid base64");
    }
    if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new UnreadableValueException("it is too short to be a sealed value");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          key.secretKey(),
          new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData(key.id(), owner, column));
      byte[] clear = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
      return new String(clear, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new UnreadableValueException(
          "it failed authentication with key '" + key.id() + "' (tampered, moved, or wrong key)");
    } catch (GeneralSecurityException e) {
      throw new UnreadableValueException(
          "it could not be decrypted (" + e.getClass().getName() + ")");
    }
  }

  /** The key id a sealed value names, without opening it. */
  public static String keyIdOf(String sealed) {
    String[] parts = sealed.split(":", 3);
    return parts.length == 3 ? parts[1] : "";
  }

  private static byte[] associatedData(String keyId, String owner, String column) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(column, "column");
    // Length-prefixed so that no two (key, column, owner) triples share an encoding.
    String ad =
        PREFIX
            + "|"
            + keyId.length()
            + ":"
            + keyId
            + "|"
            + column.length()
            + ":"
            + column
            + "|"
            + owner.length()
            + ":"
            + owner;
    return ad.getBytes(StandardCharsets.UTF_8);
  }

  /** A sealed value did not open; the message says why, never what it held. */
  public static final class UnreadableValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnreadableValueException(String reason) {
      super(reason);
    }
  }
}
