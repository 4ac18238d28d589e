package com.fittrack.garminauth.server.webhook;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A second, independent check of Standard Webhooks signatures for the tests: HMAC built by hand
 * from SHA-256 (RFC 2104: inner and outer padded keys), not through {@code javax.crypto.Mac} as the
 * signer does, and fed from the raw header strings, as a receiver would.
 */
final class IndependentVerifier {
  private static final int BLOCK = 64;

  private final byte[] key;

  IndependentVerifier(String whsecSecret) {
    this.key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
  }

  /** Whether one of the space-separated {@code v1,} signatures matches. */
  boolean verifies(String id, String timestamp, String body, String signatureHeader) {
    byte[] expected =
        hmacSha256((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    for (String candidate : signatureHeader.split(" ")) {
      if (candidate.startsWith("v1,")) {
        byte[] given;
        try {
          given = Base64.getDecoder().decode(candidate.substring(3));
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (MessageDigest.isEqual(expected, given)) {
          return true;
        }
      }
    }
    return false;
  }

  private byte[] hmacSha256(byte[] message) {
    try {
      byte[] k = key.length > BLOCK ? MessageDigest.getInstance("SHA-256").digest(key) : key;
      byte[] padded = new byte[BLOCK];
      System.arraycopy(k, 0, padded, 0, k.length);
      ByteArrayOutputStream inner = new ByteArrayOutputStream();
      ByteArrayOutputStream outer = new ByteArrayOutputStream();
      for (byte b : padded) {
        inner.write(b ^ 0x36);
        outer.write(b ^ 0x5c);
      }
      inner.writeBytes(message);
      outer.writeBytes(MessageDigest.getInstance("SHA-256").digest(inner.toByteArray()));
      return MessageDigest.getInstance("SHA-256").digest(outer.toByteArray());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
