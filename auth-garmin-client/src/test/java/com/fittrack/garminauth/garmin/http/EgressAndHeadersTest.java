package com.fittrack.garminauth.garmin.http;

import static com.fittrack.garminauth.garmin.http.TlsIdentityTest.ANDROID_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.testkit.egress.LoopbackConnectProxy;
import com.fittrack.garminauth.testkit.egress.LoopbackProxy;
import com.fittrack.garminauth.testkit.egress.LoopbackSocks5Proxy;
import com.fittrack.garminauth.testkit.tls.ClientHelloCapture;
import com.fittrack.garminauth.testkit.tls.Ja4;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Garmin clients against a real TLS server speaking HTTP/2 (MockWebServer with a test
 * certificate for {@code sso.garmin.test}): the Conscrypt handshake completes and negotiates h2,
 * the app's headers go on token and API calls only, and both kinds of egress proxy carry the
 * traffic (their counters say so) without changing the handshake.
 */
class EgressAndHeadersTest {
  private static final String HOST = "sso.garmin.test";
  private MockWebServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.useHttps(TestTls.serverSockets());
    server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private GarminHttpClients.Builder clients() throws Exception {
    return GarminHttpClients.builder().tls(GarminTls.CONSCRYPT).trustManager(TestTls.trust());
  }

  private String url(String path) {
    return "https://" + HOST + ":" + server.getPort() + path;
  }

  /** Sends a GET, answering it with 200 "ok"; returns what the server received. */
  private RecordedRequest get(OkHttpClient client, String path, Protocol expected)
      throws Exception {
    server.enqueue(new MockResponse.Builder().body("ok").build());
    try (Response response =
        client.newCall(new Request.Builder().url(url(path)).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.protocol()).isEqualTo(expected);
    }
    return server.takeRequest();
  }

  private static OkHttpClient toLoopback(OkHttpClient client) {
    return client.newBuilder().dns(host -> List.of(InetAddress.getLoopbackAddress())).build();
  }

  @Test
  void conscryptCompletesTheHandshakeAndSpeaksHttp2WithTheAppsHeaders() throws Exception {
    GarminHttpClients clients = clients().build();

    Headers sent =
        get(
                toLoopback(clients.tokensAndApi()),
                "/userprofile-service/socialProfile",
                Protocol.HTTP_2)
            .getHeaders();

    assertThat(sent.get("User-Agent")).isEqualTo("GCM-Android-5.23");
    assertThat(sent.get("X-Garmin-User-Agent"))
        .isEqualTo(
            "com.garmin.android.apps.connectmobile/5.23; ; Google/sdk_gphone64_arm64/google;"
                + " Android/33; Dalvik/2.1.0");
    assertThat(sent.get("X-Garmin-Paired-App-Version")).isEqualTo("10861");
    assertThat(sent.get("X-Garmin-Client-Platform")).isEqualTo("Android");
    assertThat(sent.get("X-App-Ver")).isEqualTo("10861");
    assertThat(sent.get("X-Lang")).isEqualTo("en");
    assertThat(sent.get("X-GCExperience")).isEqualTo("GC5");
    assertThat(sent.get("Cache-Control")).isEqualTo("no-cache");
  }

  @Test
  void signInAndLegacyOAuthCallsKeepTheirOwnHeaders() throws Exception {
    GarminHttpClients clients = clients().build();

    Headers signIn =
        get(toLoopback(clients.signIn()), "/mobile/sso/en/sign-in", Protocol.HTTP_2).getHeaders();
    Headers oauth1 =
        get(
                toLoopback(clients.tokensAndApi()),
                "/oauth-service/oauth/preauthorized",
                Protocol.HTTP_2)
            .getHeaders();

    assertThat(signIn.get("X-Garmin-User-Agent")).isNull();
    assertThat(signIn.get("User-Agent")).startsWith("okhttp/");
    assertThat(oauth1.get("X-Garmin-User-Agent")).isNull();
  }

  /** A proxy that asks for {@code egress:s3cret}, and its URL with those credentials. */
  private static LoopbackProxy proxyAskingCredentials(String scheme) throws IOException {
    return scheme.equals("http")
        ? LoopbackConnectProxy.start(Optional.of("egress:s3cret"))
        : LoopbackSocks5Proxy.start(Optional.of("egress:s3cret"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "socks5"})
  void theProxyCarriesEveryCallWithNamesResolvedThere(String scheme) throws Exception {
    try (LoopbackProxy proxy = proxyAskingCredentials(scheme)) {
      GarminHttpClients clients =
          clients()
              .proxy(EgressProxy.parse(scheme + "://egress:s3cret@127.0.0.1:" + proxy.port()))
              .build();

      get(clients.tokensAndApi(), "/di-oauth2-service/oauth/token", Protocol.HTTP_2);
      get(clients.signIn(), "/mobile/sso/en/sign-in", Protocol.HTTP_2);

      assertThat(proxy.tunnels()).isEqualTo(2);
      assertThat(proxy.targets()).containsOnly(HOST + ":" + server.getPort());
    }
  }

  @Test
  void signInCanLeaveThroughItsOwnProxy() throws Exception {
    try (LoopbackConnectProxy refreshes = LoopbackConnectProxy.start(Optional.empty());
        LoopbackSocks5Proxy logins = LoopbackSocks5Proxy.start(Optional.empty())) {
      GarminHttpClients clients =
          clients()
              .proxy(EgressProxy.parse("http://127.0.0.1:" + refreshes.port()))
              .signInProxy(EgressProxy.parse("socks5://127.0.0.1:" + logins.port()))
              .build();

      get(clients.tokensAndApi(), "/di-oauth2-service/oauth/token", Protocol.HTTP_2);
      get(clients.signIn(), "/mobile/sso/en/sign-in", Protocol.HTTP_2);
      get(clients.signIn(), "/mobile/api/login", Protocol.HTTP_2);

      assertThat(refreshes.tunnels()).isEqualTo(1);
      // both sign-in calls share one pooled HTTP/2 connection: one tunnel
      assertThat(logins.tunnels()).isEqualTo(1);
      assertThat(server.getRequestCount()).isEqualTo(3);
    }
  }

  @Test
  void theHandshakeThroughEitherProxyIsTheAndroidAppsStill() throws Exception {
    try (ClientHelloCapture capture = ClientHelloCapture.start();
        LoopbackConnectProxy http = LoopbackConnectProxy.start(Optional.of("u:p"));
        LoopbackSocks5Proxy socks = LoopbackSocks5Proxy.start(Optional.of("u:p"))) {
      Request request =
          new Request.Builder().url("https://" + HOST + ":" + capture.port() + "/").build();
      for (String proxy :
          List.of(
              "http://u:p@127.0.0.1:" + http.port(), "socks5://u:p@127.0.0.1:" + socks.port())) {
        OkHttpClient client = clients().proxy(EgressProxy.parse(proxy)).build().tokensAndApi();
        assertThatThrownBy(() -> client.newCall(request).execute().close())
            .isInstanceOf(IOException.class);
      }

      assertThat(http.tunnels()).isEqualTo(1);
      assertThat(socks.tunnels()).isEqualTo(1);
      assertThat(capture.hellos()).hasSize(2);
      assertThat(capture.hellos()).allSatisfy(h -> assertThat(Ja4.of(h)).isEqualTo(ANDROID_APP));
    }
  }

  @Test
  void refusedProxyCredentialsFailTheCallWithoutRepeatingThem() throws Exception {
    try (LoopbackConnectProxy http = LoopbackConnectProxy.start(Optional.of("egress:right"));
        LoopbackSocks5Proxy socks = LoopbackSocks5Proxy.start(Optional.of("egress:right"))) {
      for (String proxy :
          List.of(
              "http://egress:wrong-pw@127.0.0.1:" + http.port(),
              "socks5://egress:wrong-pw@127.0.0.1:" + socks.port())) {
        OkHttpClient client = clients().proxy(EgressProxy.parse(proxy)).build().tokensAndApi();
        Request request = new Request.Builder().url(url("/di-oauth2-service/oauth/token")).build();

        assertThatThrownBy(() -> client.newCall(request).execute().close())
            .isInstanceOf(IOException.class)
            .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain("wrong-pw"));
      }

      assertThat(http.tunnels()).isZero();
      assertThat(socks.tunnels()).isZero();
      assertThat(http.refused()).isPositive();
      assertThat(socks.refused()).isEqualTo(1);
      assertThat(server.getRequestCount()).isZero();
    }
  }
}
