package com.fittrack.garminauth.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks symmetric signatures: {@code v1,} and the base64 HMAC-SHA256 of {@code
 * <webhook-id>.<webhook-timestamp>.<body>} under the endpoint's secret.
 *
 * <pre>{@code
 * String header = WebhookSigner.sign(secret, "evt_1", 1614265330, body); // "v1,g0hM..."
 * }</pre>
 */
public final class WebhookSigner {
  private WebhookSigner() {}

  public static String sign(WebhookSecret secret, String id, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
      byte[] signed =
          mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(signed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
