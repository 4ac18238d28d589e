package com.fittrack.garminauth.core.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The keys sign-in attempts are counted under. A Garmin email is never stored: it is counted as a
 * keyed HMAC-SHA256 of its normalised form (trimmed, lower case), so the attempt table cannot be
 * turned back into addresses by hashing guesses without the key. Every instance must use the same
 * key for the counts to add up across them.
 *
 * <p>HMAC (RFC 2104) is spelled out over {@link MessageDigest} because the core depends on {@code
 * java.*} alone; the test checks it against {@code javax.crypto.Mac}.
 */
final class LoginKeys {
  private static final int BLOCK = 64;
  private final byte[] innerPad = new byte[BLOCK];
  private final byte[] outerPad = new byte[BLOCK];

  LoginKeys(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < 16) {
      throw new IllegalArgumentException("the login key secret must be at least 16 bytes");
    }
    byte[] key = secret.length > BLOCK ? sha256().digest(secret) : secret.clone();
    byte[] block = Arrays.copyOf(key, BLOCK);
    for (int i = 0; i < BLOCK; i++) {
      innerPad[i] = (byte) (block[i] ^ 0x36);
      outerPad[i] = (byte) (block[i] ^ 0x5c);
    }
    Arrays.fill(key, (byte) 0);
    Arrays.fill(block, (byte) 0);
  }

  /** A key for this process only (counts are then per process). */
  static LoginKeys random() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new LoginKeys(secret);
  }

  String user(String userId) {
    return "user:" + userId;
  }

  String email(String email) {
    String normalised = email.strip().toLowerCase(Locale.ROOT);
    return "email:" + HexFormat.of().formatHex(hmac(normalised.getBytes(StandardCharsets.UTF_8)));
  }

  /** HMAC-SHA256 of {@code message} under the key. */
  byte[] hmac(byte[] message) {
    MessageDigest inner = sha256();
    inner.update(innerPad);
    byte[] innerHash = inner.digest(message);
    MessageDigest outer = sha256();
    outer.update(outerPad);
    return outer.digest(innerHash);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
