package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fittrack.garminauth.testkit.egress.LoopbackConnectProxy;
import com.fittrack.garminauth.testkit.tls.ClientHelloCapture;
import com.fittrack.garminauth.testkit.tls.Ja4;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone server's wiring, pointed at a "Garmin" that only records ClientHellos: what it
 * presents on sign-in and on refresh, for the default TLS setting and for {@code jdk}, and how it
 * reports its identity (/health/ready, metrics). The Garmin hosts are {@code localhost}, a name:
 * Conscrypt sends SNI for it as for Garmin's; JSSE sends none for a name without a dot, so its
 * value here has {@code i} and one extension less than toward {@code sso.garmin.com} (the client
 * module's TlsIdentityTest has that case).
 */
class GarminIdentityServerTest {
  static final String ANDROID_APP = "t13d1513h2_8daaf6152771_eca864cca44a";
  static final String JSSE_WITHOUT_SNI = "t13i1513h2_8daaf6152771_a5b99884f7f5";
  private static final String KEY = "identity-admin-key-0123456789abcdef";

  @TempDir java.nio.file.Path dataDir;
  private ClientHelloCapture sso;
  private ClientHelloCapture diAuth;
  private ClientHelloCapture connectApi;
  private GarminAuthServer server;

  @BeforeEach
  void startCaptures() throws Exception {
    sso = ClientHelloCapture.start();
    diAuth = ClientHelloCapture.start();
    connectApi = ClientHelloCapture.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    sso.close();
    diAuth.close();
    connectApi.close();
  }

  private ServerClient start(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("GARMIN_AUTH_PORT", "0");
    env.put("GARMIN_AUTH_DATA_DIR", dataDir.toString());
    env.put("GARMIN_AUTH_API_KEYS", "admin:" + KEY + ":connections:write+tokens:read");
    env.put("GARMIN_AUTH_GARMIN_ALLOW_CUSTOM_ENDPOINTS", "true");
    env.put("GARMIN_AUTH_GARMIN_SSO_URL", "https://localhost:" + sso.port());
    env.put("GARMIN_AUTH_GARMIN_DIAUTH_URL", "https://localhost:" + diAuth.port());
    env.put("GARMIN_AUTH_GARMIN_CONNECTAPI_URL", "https://localhost:" + connectApi.port());
    env.put("GARMIN_AUTH_SWEEPER_ENABLED", "false"); // the refresh below is the test's own
    env.putAll(extra);
    server = GarminAuthServer.start(ServerConfig.fromEnvironment(env));
    return new ServerClient(server.port(), KEY);
  }

  /**
   * A sign-in, then a refresh of an imported session whose token is due (inside the refresh margin;
   * an already expired DI token is refused at import).
   */
  private void signInAndRefresh(ServerClient api) throws Exception {
    ServerClient.Reply login = api.login("user-1", "runner@example.com", "a-password");
    assertThat(login.status()).as(login.raw().body()).isEqualTo(503);

    Instant importedAt = Instant.now();
    String due = ServerEndToEndBase.fakeJwt(importedAt.plus(Duration.ofSeconds(10)));
    String session =
        "{\"di_token\":\""
            + due
            + "\",\"di_refresh_token\":\"refresh-1\","
            + "\"di_client_id\":\"GARMIN_CONNECT_MOBILE_ANDROID_DI\"}";
    ServerClient.Reply imported =
        api.importSession(
            "user-2",
            ServerClient.JSON.writeValueAsString(
                Map.of("format", "garminconnect", "data", session)));
    assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
    // No refresh before the last tenth of the token's life (counted from the import, so from
    // about 9 s after it): wait past that, then the read refreshes. The refresh goes out (its
    // handshake is what the tests capture) and gets no
    // answer; the token is then served while still valid (200) or, on a slow machine, is already
    // gone (503). Either way the ClientHello was sent.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Instant.now().isAfter(importedAt.plus(Duration.ofMillis(9500))));
    ServerClient.Reply token = api.token("user-2");
    assertThat(token.status()).as(token.raw().body()).isIn(200, 503);
  }

  private static List<String> ja4s(ClientHelloCapture capture) {
    return capture.hellos().stream().map(Ja4::of).toList();
  }

  @Test
  void withDefaultsSignInAndRefreshPresentTheAndroidAppsHandshake() throws Exception {
    ServerClient api = start(Map.of());

    signInAndRefresh(api);

    assertThat(ja4s(sso)).isNotEmpty().containsOnly(ANDROID_APP);
    assertThat(ja4s(diAuth)).isNotEmpty().containsOnly(ANDROID_APP);
    ServerClient.Reply ready = api.get("/health/ready");
    assertThat(ready.body().path("details").path("garminTls").asText()).isEqualTo("conscrypt");
    assertThat(ready.body().path("details").path("garminEgress").asText()).isEqualTo("direct");
    assertThat(api.get("/metrics").raw().body())
        .contains("garmin_auth_garmin_identity{")
        .contains("tls=\"conscrypt\"");
  }

  @Test
  void jdkPresentsTheJvmsHandshakeAndSaysSo() throws Exception {
    ServerClient api = start(Map.of("GARMIN_AUTH_GARMIN_TLS", "jdk"));

    signInAndRefresh(api);

    if (Runtime.version().feature() == 17) {
      assertThat(ja4s(sso)).isNotEmpty().containsOnly(JSSE_WITHOUT_SNI);
      assertThat(ja4s(diAuth)).isNotEmpty().containsOnly(JSSE_WITHOUT_SNI);
    } else {
      // newer JDKs shake hands differently (CI also builds on 25): one JSSE value, not the app's
      String jsse = ja4s(sso).get(0);
      assertThat(jsse).isNotEqualTo(ANDROID_APP);
      assertThat(ja4s(sso)).containsOnly(jsse);
      assertThat(ja4s(diAuth)).isNotEmpty().containsOnly(jsse);
    }
    assertThat(api.get("/health/ready").body().path("details").path("garminTls").asText())
        .isEqualTo("jdk");
    assertThat(api.get("/metrics").raw().body()).contains("tls=\"jdk\"");
  }

  @Test
  void signInsLeaveThroughTheirOwnProxyAndRefreshesThroughTheOther() throws Exception {
    try (LoopbackConnectProxy refreshes = LoopbackConnectProxy.start(Optional.of("r:pw-r"));
        LoopbackConnectProxy logins = LoopbackConnectProxy.start(Optional.of("l:pw-l"))) {
      ServerClient api =
          start(
              Map.of(
                  "GARMIN_AUTH_GARMIN_PROXY",
                  "http://r:pw-r@127.0.0.1:" + refreshes.port(),
                  "GARMIN_AUTH_GARMIN_SIGNIN_PROXY",
                  "http://l:pw-l@127.0.0.1:" + logins.port()));

      signInAndRefresh(api);

      assertThat(logins.targets()).isNotEmpty().containsOnly("localhost:" + sso.port());
      // the import's identity lookup (Connect API) leaves through the same proxy as refreshes
      assertThat(refreshes.targets())
          .contains("localhost:" + diAuth.port())
          .containsOnly("localhost:" + diAuth.port(), "localhost:" + connectApi.port());
      assertThat(ja4s(sso)).isNotEmpty().containsOnly(ANDROID_APP);
      assertThat(ja4s(diAuth)).isNotEmpty().containsOnly(ANDROID_APP);
      ServerClient.Reply ready = api.get("/health/ready");
      assertThat(ready.body().path("details").path("garminEgress").asText()).isEqualTo("http");
      assertThat(ready.raw().body()).doesNotContain("pw-r").doesNotContain("127.0.0.1");
    }
  }

  @Test
  void aBadSettingStopsTheStartWithOneLineNamingItAndNoSecret() {
    Map<String, String> badTls = Map.of("GARMIN_AUTH_GARMIN_TLS", "boringssl");
    Map<String, String> badProxy =
        Map.of("GARMIN_AUTH_GARMIN_SIGNIN_PROXY", "ftp://user:hunter2-pw@proxy:21");

    assertThatThrownBy(() -> ServerConfig.fromEnvironment(badTls))
        .isInstanceOf(ConfigException.class)
        .hasMessage("GARMIN_AUTH_GARMIN_TLS: must be auto, conscrypt or jdk (got 'boringssl')");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(badProxy))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("GARMIN_AUTH_GARMIN_SIGNIN_PROXY: must be http://")
        .hasMessageNotContaining("hunter2")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void readsTheIdentitySettings() {
    GarminSettings garmin =
        ServerConfig.fromEnvironment(
                Map.of(
                    "GARMIN_AUTH_GARMIN_TLS", "Conscrypt",
                    "GARMIN_AUTH_GARMIN_PROXY", "socks5://u:p@10.0.0.5:1080"))
            .garmin();

    assertThat(garmin.tls()).isEqualTo(com.fittrack.garminauth.garmin.http.GarminTls.CONSCRYPT);
    assertThat(garmin.proxy().orElseThrow().toString()).isEqualTo("socks5://***@10.0.0.5:1080");
    assertThat(garmin.signInProxy()).isEmpty();
    assertThat(ServerConfig.fromEnvironment(Map.of()).garmin().tls())
        .isEqualTo(com.fittrack.garminauth.garmin.http.GarminTls.AUTO);
  }
}
