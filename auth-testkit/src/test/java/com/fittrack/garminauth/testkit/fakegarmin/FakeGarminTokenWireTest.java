package com.fittrack.garminauth.testkit.fakegarmin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FakeGarmin's token and API wire shapes, driven with plain HTTP rather than the client it tests.
 */
@Tag("integration")
class FakeGarminTokenWireTest {
  @RegisterExtension static final FakeGarminExtension garmin = new FakeGarminExtension();

  private final Wire wire = new Wire(garmin.fake());

  @Test
  void aTicketIsSingleUseAndBoundToItsService() throws IOException {
    String ticket = wire.ticketFor(FakeGarmin.DEMO_EMAIL);

    Wire.Answer first = wire.exchange(ticket);
    Wire.Answer again = wire.exchange(ticket);

    assertThat(first.code()).isEqualTo(200);
    assertThat(first.json().path("expires_in").asLong()).isPositive();
    assertThat(first.json().path("access_token").asText().split("\\.")).hasSize(3);
    assertThat(again.code()).isEqualTo(400);
    assertThat(again.json().path("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void theDiGrantAuthenticatesTheClientItIsFor() throws IOException {
    Wire.Answer mismatch =
        wire.diGrant(
            "GARMIN_CONNECT_MOBILE_ANDROID_DI",
            "GARMIN_CONNECT_MOBILE_IOS_DI",
            "grant_type",
            "refresh_token");
    garmin.fake().acceptDiClientIds(List.of());
    Wire.Answer refused =
        wire.diGrant(
            "GARMIN_CONNECT_MOBILE_IOS_DI",
            "GARMIN_CONNECT_MOBILE_IOS_DI",
            "grant_type",
            "refresh_token");

    assertThat(mismatch.code()).isEqualTo(401);
    assertThat(refused.code()).isEqualTo(400);
    assertThat(refused.json().path("error").asText()).isEqualTo("unauthorized_client");
  }

  @Test
  void aRefreshThatTimedOutAfterGarminHandledItHasSpentTheToken() throws IOException {
    String refresh =
        wire.exchange(wire.ticketFor(FakeGarmin.DEMO_EMAIL)).json().path("refresh_token").asText();
    String id = "GARMIN_CONNECT_MOBILE_ANDROID_DI";
    garmin.fake().failNext(FakeEndpoint.DI_TOKEN, Fault.timeoutAfterProcessing(), 1);

    boolean timedOut = false;
    try {
      wire.diGrant(id, id, "grant_type", "refresh_token", "refresh_token", refresh);
    } catch (InterruptedIOException expected) {
      timedOut = true;
    }
    Wire.Answer retry =
        wire.diGrant(id, id, "grant_type", "refresh_token", "refresh_token", refresh);

    assertThat(timedOut).isTrue();
    assertThat(retry.code()).isEqualTo(400);
    assertThat(garmin.fake().counters().reuseDetections()).isEqualTo(1);
    assertThat(garmin.fake().counters().refreshes(FakeGarmin.DEMO_EMAIL)).isEqualTo(1);
  }

  @Test
  void preauthorizedRefusesAnUnsignedRequest() throws IOException {
    String ticket = wire.ticketFor(FakeGarmin.DEMO_EMAIL);
    HttpUrl u =
        wire.url("/oauth-service/oauth/preauthorized")
            .newBuilder()
            .addQueryParameter("ticket", ticket)
            .addQueryParameter("login-url", Wire.SERVICE)
            .addQueryParameter("accepts-mfa-tokens", "true")
            .build();

    Wire.Answer a =
        wire.send(
            Wire.browser(),
            new Request.Builder()
                .url(u)
                .header("Authorization", "OAuth oauth_consumer_key=\"x\"")
                .build(),
            "");

    assertThat(a.code()).isEqualTo(401);
  }

  @Test
  void theApiWantsALiveBearerToken() throws IOException {
    String token =
        wire.exchange(wire.ticketFor(FakeGarmin.DEMO_EMAIL)).json().path("access_token").asText();
    HttpUrl profile = wire.url("/userprofile-service/socialProfile");

    Wire.Answer none =
        wire.send(Wire.browser(), new Request.Builder().url(profile).build(), "WWW-Authenticate");
    Wire.Answer forged =
        wire.send(
            Wire.browser(),
            new Request.Builder()
                .url(profile)
                .header("Authorization", "Bearer " + token + "x")
                .build(),
            "");
    Wire.Answer good =
        wire.send(
            Wire.browser(),
            new Request.Builder().url(profile).header("Authorization", "Bearer " + token).build(),
            "");
    garmin.fake().revokeSessions(FakeGarmin.DEMO_EMAIL);
    Wire.Answer revoked =
        wire.send(
            Wire.browser(),
            new Request.Builder().url(profile).header("Authorization", "Bearer " + token).build(),
            "");

    assertThat(none.code()).isEqualTo(401);
    assertThat(none.header()).startsWith("Bearer");
    assertThat(forged.code()).isEqualTo(401);
    assertThat(good.json().path("displayName").asText()).isEqualTo("demo");
    assertThat(good.json().path("profileId").isIntegralNumber()).isTrue();
    assertThat(revoked.code()).isEqualTo(401);
  }

  @Test
  void otherProcessesCanReadTheCountersOverHttp() throws IOException {
    String refresh =
        wire.exchange(wire.ticketFor(FakeGarmin.DEMO_EMAIL)).json().path("refresh_token").asText();
    String id = "GARMIN_CONNECT_MOBILE_ANDROID_DI";
    wire.diGrant(id, id, "grant_type", "refresh_token", "refresh_token", refresh);

    JsonNode counters =
        wire.send(
                Wire.browser(),
                new Request.Builder().url(wire.url("/__fakegarmin/counters")).build(),
                "")
            .json();

    assertThat(counters.path("signIns").asLong()).isEqualTo(1);
    assertThat(counters.path("diExchanges").asLong()).isEqualTo(1);
    assertThat(counters.at("/refreshes/demo@example.com").asLong()).isEqualTo(1);
  }
}
