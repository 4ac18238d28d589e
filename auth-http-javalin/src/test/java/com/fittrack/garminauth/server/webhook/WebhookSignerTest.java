package com.fittrack.garminauth.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSignerTest {
  /**
   * The published test vector of the Standard Webhooks reference libraries ("sign function works"
   * in standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts).
   */
  static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long SPEC_TIMESTAMP = 1614265330L;
  static final String SPEC_BODY = "{\"test\": 2432232314}";
  static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  void signsTheSpecificationsTestVector() {
    assertThat(
            WebhookSigner.sign(
                WebhookSecret.parse(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
        .isEqualTo(SPEC_SIGNATURE);
  }

  @Test
  void theIndependentVerifierAgreesOnTheVectorAndRejectsAnyChange() {
    IndependentVerifier verifier = new IndependentVerifier(SPEC_SECRET);

    assertThat(verifier.verifies(SPEC_ID, "1614265330", SPEC_BODY, SPEC_SIGNATURE)).isTrue();
    assertThat(verifier.verifies(SPEC_ID, "1614265331", SPEC_BODY, SPEC_SIGNATURE)).isFalse();
    assertThat(verifier.verifies(SPEC_ID, "1614265330", SPEC_BODY + " ", SPEC_SIGNATURE)).isFalse();
    assertThat(verifier.verifies("msg_other", "1614265330", SPEC_BODY, SPEC_SIGNATURE)).isFalse();
  }

  @Test
  void aSignatureOfOurOwnVerifiesIndependently() {
    WebhookSecret secret =
        WebhookSecret.parse("whsec_" + "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY3OA==");
    String body =
        "{\"id\":\"evt_1\",\"type\":\"connection.reauth_required\",\"data\":{\"userId\":\"ü-1\"}}";

    String signature = WebhookSigner.sign(secret, "evt_1", 1_900_000_000L, body);

    assertThat(
            new IndependentVerifier("whsec_c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY3OA==")
                .verifies("evt_1", "1900000000", body, signature))
        .isTrue();
  }

  @Test
  void pythonsHmacAgreesWhenPythonIsInstalled(@TempDir Path dir)
      throws IOException, InterruptedException {
    assumeTrue(onPath("python3"), "python3 not installed: this extra check is skipped");
    Path script = dir.resolve("verify.py");
    // The Python function of docs/operations.md, copied from the document itself.
    String doc = Files.readString(Path.of("..", "docs", "operations.md"));
    int start = doc.indexOf("import base64, hashlib, hmac, time");
    String function = doc.substring(start, doc.indexOf("```", start));
    Files.writeString(
        script,
        function
            + String.join(
                "\n",
                "import sys",
                "secret, msg_id, ts, body, header, tolerance = sys.argv[1:7]",
                "headers = {'webhook-id': msg_id, 'webhook-timestamp': ts,"
                    + " 'webhook-signature': header}",
                "ok = verify(secret, headers, body.encode(), int(tolerance))",
                "print('valid' if ok else 'invalid')",
                ""));
    long now = java.time.Instant.now().getEpochSecond();
    String ours =
        WebhookSigner.sign(WebhookSecret.parse(SPEC_SECRET), "evt_42", now, "{\"a\":\"b\"}");
    String ts = Long.toString(now);
    String forever = Long.toString(Long.MAX_VALUE / 2);

    assertThat(
            python(script, SPEC_SECRET, SPEC_ID, "1614265330", SPEC_BODY, SPEC_SIGNATURE, forever))
        .isEqualTo("valid");
    assertThat(python(script, SPEC_SECRET, SPEC_ID, "1614265330", SPEC_BODY, SPEC_SIGNATURE, "300"))
        .as("a 2021 timestamp is refused as a replay")
        .isEqualTo("invalid");
    assertThat(python(script, SPEC_SECRET, "evt_42", ts, "{\"a\":\"b\"}", ours, "300"))
        .isEqualTo("valid");
    assertThat(python(script, SPEC_SECRET, "evt_43", ts, "{\"a\":\"b\"}", ours, "300"))
        .isEqualTo("invalid");
  }

  private static String python(Path script, String... args)
      throws IOException, InterruptedException {
    String[] command = new String[args.length + 2];
    command[0] = "python3";
    command[1] = script.toString();
    System.arraycopy(args, 0, command, 2, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    // generous: a loaded build machine may take seconds to start an interpreter
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void secretsAreValidatedAndNeverShown() {
    assertThat(WebhookSecret.parse(SPEC_SECRET).toString()).doesNotContain("MfKQ9r8");
    assertThatThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        .hasMessageContaining("whsec_");
    assertThatThrownBy(() -> WebhookSecret.parse("whsec_not*base64"))
        .hasMessageNotContaining("not*base64");
    assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ="))
        .hasMessageContaining("24 to 64");
  }
}
