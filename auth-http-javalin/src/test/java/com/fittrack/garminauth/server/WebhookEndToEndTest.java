package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fittrack.garminauth.server.webhook.Receiver;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The issue's walkthrough, end to end on the real server (H2) with a local receiver: a user whose
 * session Garmin revokes produces one signed {@code connection.reauth_required} webhook with the
 * reason, the listing finds them, and the feed has the same events.
 */
class WebhookEndToEndTest extends ServerEndToEndBase {
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String FEED = "e2e-feed-key-0123456789abcdefghijkl";
  private Receiver receiver;

  @Override
  Map<String, String> databaseEnv() {
    return Map.of();
  }

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = new Receiver(SECRET);
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void aRevokedSessionProducesOneSignedReauthRequiredWebhookAndIsListed() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("GARMIN_AUTH_WEBHOOKS", "fittrack=" + receiver.url() + " " + SECRET);
    env.put("GARMIN_AUTH_WEBHOOKS_ALLOW_LOOPBACK_HTTP", "true");
    env.put(
        "GARMIN_AUTH_API_KEYS",
        "admin:"
            + ADMIN
            + ":connections:write+connections:read+tokens:read;feed:"
            + FEED
            + ":events:read");
    GarminAuthServer server = startServer(env);
    ServerClient api = client(server);
    String user = newUser();
    // a token is refreshed in the last tenth of its life (never earlier): with 2-s tokens a token
    // read 1.8 s after sign-in refreshes, meets the revoked session and answers 409
    fake.accessTokenLifetime(Duration.ofSeconds(2));
    assertThat(connectPlain(api, user).status()).isEqualTo(200);
    fake.revokeSessions(FakeGarmin.DEMO_EMAIL);
    await().atMost(Duration.ofSeconds(30)).until(() -> api.token(user).status() == 409);
    assertThat(api.token(user).status()).isEqualTo(409); // asking again changes nothing

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                receiver.accepted().stream()
                    .anyMatch(h -> h.type().equals("connection.reauth_required")));
    List<Receiver.Hit> mine =
        receiver.accepted().stream().filter(h -> h.userId().equals(user)).toList();
    assertThat(mine)
        .extracting(Receiver.Hit::type)
        .containsExactly("connection.connected", "connection.reauth_required");
    JsonNode reauth = mine.get(1).json();
    assertThat(reauth.at("/data/status").asText()).isEqualTo("REAUTH_REQUIRED");
    assertThat(reauth.at("/data/reason").asText()).isNotBlank();
    assertThat(reauth.at("/data/sequence").asLong()).isEqualTo(2);
    assertThat(receiver.hits).allMatch(Receiver.Hit::signatureValid);
    assertThat(mine.get(1).body()).doesNotContain("accessToken").doesNotContain("@");

    ServerClient.Reply listed = api.get("/v1/connections?status=REAUTH_REQUIRED");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body().at("/items/0/userId").asText()).isEqualTo(user);
    assertThat(listed.body().get("items")).hasSize(1);

    ServerClient.Reply feed = new ServerClient(server.port(), FEED).get("/v1/events");
    assertThat(feed.status()).isEqualTo(200);
    assertThat(feed.body().get("events"))
        .extracting(e -> e.get("id").asText())
        .containsExactly(mine.get(0).id(), mine.get(1).id());
  }
}
