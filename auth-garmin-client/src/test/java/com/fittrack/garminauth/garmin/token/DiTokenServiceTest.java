package com.fittrack.garminauth.garmin.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.ReauthRequiredException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.garmin.GarminEndpoints;
import com.fittrack.garminauth.garmin.http.GarminHttp;
import com.fittrack.garminauth.garmin.http.Transport;
import com.fittrack.garminauth.garmin.signin.StrategyResult;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How the DI refresh reads Garmin's answers, including the shapes FakeGarmin never sends. */
@Tag("integration")
class DiTokenServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  private static final String CLIENT = "GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2";

  private final MockWebServer server = new MockWebServer();
  private DiTokenService service;

  @BeforeEach
  void start() throws IOException {
    server.start();
    URI base = URI.create(server.url("/").toString());
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    GarminHttp http = new GarminHttp(new OkHttpClient(), Transport.defaults(), clock, d -> {});
    service =
        new DiTokenService(GarminEndpoints.custom(base, base, base), http, clock, List.of(CLIENT));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static DiOAuth2Credentials current() {
    return new DiOAuth2Credentials(
        Secret.of("old-access"),
        Secret.of("old-refresh"),
        CLIENT,
        NOW,
        Optional.of(NOW.plusSeconds(99)));
  }

  private void answer(int code, String json) {
    server.enqueue(
        new MockResponse.Builder()
            .code(code)
            .setHeader("Content-Type", "application/json")
            .body(json)
            .build());
  }

  private static String jwtExpiringAt(long exp) {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    return b.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b.encodeToString(("{\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8))
        + ".sig";
  }

  @Test
  void sendsTheRefreshGrantWithBasicAuthOfTheTokensClient() throws InterruptedException {
    answer(200, "{\"access_token\":\"a\",\"refresh_token\":\"r\",\"expires_in\":60}");

    service.refresh(current());

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/di-oauth2-service/oauth/token");
    assertThat(request.getHeaders().get("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((CLIENT + ":").getBytes(StandardCharsets.UTF_8)));
    assertThat(request.getBody().utf8())
        .contains("grant_type=refresh_token", "client_id=" + CLIENT, "refresh_token=old-refresh");
  }

  @Test
  void keepsTheRefreshTokenWhenGarminSendsNoNewOne() {
    answer(200, "{\"access_token\":\"new-access\",\"expires_in\":3600,\"unknown\":{\"x\":1}}");

    DiOAuth2Credentials next = service.refresh(current());

    assertThat(next.accessToken().reveal()).isEqualTo("new-access");
    assertThat(next.refreshToken().reveal()).isEqualTo("old-refresh");
    assertThat(next.accessTokenExpiresAt()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(next.refreshTokenExpiresAt()).contains(NOW.plusSeconds(99));
  }

  @Test
  void takesTheExpiryFromTheJwtWhenExpiresInIsMissing() {
    answer(
        200,
        "{\"access_token\":\""
            + jwtExpiringAt(NOW.getEpochSecond() + 120)
            + "\",\"refresh_token\":\"r2\"}");

    DiOAuth2Credentials next = service.refresh(current());

    assertThat(next.accessTokenExpiresAt()).isEqualTo(NOW.plusSeconds(120));
    assertThat(next.refreshToken().reveal()).isEqualTo("r2");
  }

  @Test
  void anAnswerWithoutAnyExpiryIsAProtocolError() {
    answer(200, "{\"access_token\":\"opaque\",\"refresh_token\":\"r2\"}");

    GarminProtocolException e =
        catchThrowableOfType(GarminProtocolException.class, () -> service.refresh(current()));

    assertThat(e.getMessage()).contains("expires_in").doesNotContain("opaque");
  }

  @Test
  void invalidGrantAndUnauthorizedAreDefiniteRejections() {
    answer(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token expired\"}");
    answer(401, "{}");

    ReauthRequiredException first =
        catchThrowableOfType(ReauthRequiredException.class, () -> service.refresh(current()));
    ReauthRequiredException second =
        catchThrowableOfType(ReauthRequiredException.class, () -> service.refresh(current()));

    assertThat(first.reason()).isEqualTo("invalid_grant");
    assertThat(second.reason()).isEqualTo("invalid_grant");
  }

  @Test
  void otherClientErrorsAreNotMistakenForARejection() {
    answer(400, "{\"error\":\"invalid_request\"}");

    assertThat(
            catchThrowableOfType(GarminProtocolException.class, () -> service.refresh(current())))
        .isNotNull();
  }

  private static String jwt(String payload) {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    return b.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + ".sig";
  }

  @Test
  void afterARefreshTheClientIdIsTheOneTheNewTokenNames() {
    String access = jwt("{\"exp\":" + (NOW.getEpochSecond() + 60) + ",\"client_id\":\"NEWER_DI\"}");
    answer(200, "{\"access_token\":\"" + access + "\",\"refresh_token\":\"r\",\"expires_in\":60}");

    DiOAuth2Credentials next = service.refresh(current());

    assertThat(next.clientId()).isEqualTo("NEWER_DI");
  }

  @Test
  void tokenTypeIsComparedWithoutRegardToCase() {
    answer(200, "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":60}");
    answer(200, "{\"access_token\":\"b\",\"token_type\":\"bearer\",\"expires_in\":60}");
    answer(200, "{\"access_token\":\"c\",\"token_type\":null,\"expires_in\":60}");
    answer(200, "{\"access_token\":\"d\",\"token_type\":\"mac\",\"expires_in\":60}");

    assertThat(service.refresh(current()).accessToken().reveal()).isEqualTo("a");
    assertThat(service.refresh(current()).accessToken().reveal()).isEqualTo("b");
    assertThat(service.refresh(current()).accessToken().reveal()).isEqualTo("c");
    assertThat(
            catchThrowableOfType(GarminProtocolException.class, () -> service.refresh(current())))
        .hasMessageContaining("token_type");
  }

  @Test
  void aRateLimitDuringTheTicketExchangeStopsIt() {
    URI base = URI.create(server.url("/").toString());
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    GarminHttp http = new GarminHttp(new OkHttpClient(), Transport.defaults(), clock, d -> {});
    DiTokenService twoIds =
        new DiTokenService(
            GarminEndpoints.custom(base, base, base), http, clock, List.of(CLIENT, "SECOND_DI"));
    server.enqueue(
        new MockResponse.Builder().code(429).setHeader("Retry-After", "30").body("").build());

    GarminUnavailableException e =
        catchThrowableOfType(
            GarminUnavailableException.class,
            () ->
                twoIds.exchange(
                    new StrategyResult.Ticket(Secret.of("ST-1-abc-cas"), "https://x/app")));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(30));
    assertThat(server.getRequestCount()).as("no second client id tried").isEqualTo(1);
  }
}
