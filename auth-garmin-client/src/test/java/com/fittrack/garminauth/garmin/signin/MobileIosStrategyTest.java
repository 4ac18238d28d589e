package com.fittrack.garminauth.garmin.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.garmin.GarminEndpoints;
import com.fittrack.garminauth.garmin.http.GarminHttp;
import com.fittrack.garminauth.garmin.http.SessionCookieJar;
import com.fittrack.garminauth.garmin.http.Transport;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.TreeSet;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The iOS variant sends what the iOS app sends, and nothing else (GARMIN-PROTOCOL 7). */
@Tag("integration")
class MobileIosStrategyTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void signsInAsTheIosAppWithOnlyItsFourHeadersAndRememberMe() throws InterruptedException {
    server.enqueue(new MockResponse.Builder().code(200).body("<html></html>").build());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(
                "{\"responseStatus\":{\"type\":\"SUCCESSFUL\"},\"serviceTicketId\":\"ST-1-ab-cas\","
                    + "\"serviceURL\":null,\"customerMfaInfo\":null}")
            .build());
    URI base = URI.create(server.url("/").toString());
    GarminEndpoints endpoints = GarminEndpoints.custom(base, base, base);
    GarminHttp http =
        new GarminHttp(new OkHttpClient(), Transport.defaults(), Clock.systemUTC(), d -> {});
    SignInContext ctx =
        new SignInContext(
            endpoints,
            http,
            http.withCookies(new SessionCookieJar(Clock.systemUTC()), base, Duration.ofSeconds(5)));

    StrategyResult result = new MobileIosStrategy().signIn(ctx, "a@example.com", Secret.of("pw"));

    RecordedRequest page = server.takeRequest();
    RecordedRequest login = server.takeRequest();
    assertThat(page.getUrl().queryParameter("clientId")).isEqualTo("GCM_IOS_DARK");
    assertThat(login.getUrl().queryParameter("service"))
        .isEqualTo("https://mobile.integration.garmin.com/gcm/ios");
    TreeSet<String> sent = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    sent.addAll(login.getHeaders().names());
    // OkHttp itself adds the transport headers; the strategy adds only the app's four.
    sent.removeAll(
        java.util.List.of("Host", "Connection", "Accept-Encoding", "Content-Length", "Cookie"));
    assertThat(sent).containsExactlyInAnyOrder("User-Agent", "Accept", "Content-Type", "Origin");
    assertThat(login.getHeaders().get("User-Agent")).contains("iPhone");
    assertThat(login.getBody().utf8()).contains("\"rememberMe\":true");
    assertThat(result).isInstanceOf(StrategyResult.Ticket.class);
    assertThat(((StrategyResult.Ticket) result).service())
        .as("a null serviceURL is absent, not the text null")
        .isEqualTo("https://mobile.integration.garmin.com/gcm/ios");
  }
}
