package com.fittrack.garminauth.testkit.fakegarmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 JWTs signed with a key only this fake knows, so that it can tell its tokens from forgeries.
 */
final class FakeJwt {
  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private final byte[] key = new byte[32];

  FakeJwt() {
    new SecureRandom().nextBytes(key);
  }

  String sign(ObjectNode payload) {
    String header =
        ENC.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"fake-garmin\"}"
                .getBytes(StandardCharsets.UTF_8));
    String body = ENC.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
    return header + "." + body + "." + ENC.encodeToString(mac(header + "." + body));
  }

  /** The payload of a token this fake signed, or empty. */
  Optional<JsonNode> verify(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      byte[] expected = mac(parts[0] + "." + parts[1]);
      if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
        return Optional.empty();
      }
      return Optional.of(Incoming.JSON.readTree(Base64.getUrlDecoder().decode(parts[1])));
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
