package com.fittrack.garminauth.garmin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.testkit.tls.ClientHello;
import com.fittrack.garminauth.testkit.tls.ClientHelloCapture;
import com.fittrack.garminauth.testkit.tls.Ja4;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/**
 * What Garmin's front sees of the handshake: the ClientHello the Garmin client sends, captured on
 * loopback and fingerprinted with JA4 (FoxIO), for each TLS choice.
 */
class TlsIdentityTest {
  /** OkHttp 5 on an Android phone (BoringSSL); GARMIN-PROTOCOL.md section 8. */
  static final String ANDROID_APP = "t13d1513h2_8daaf6152771_eca864cca44a";

  /** OkHttp 5 on JDK 17's JSSE; GARMIN-PROTOCOL.md section 8. */
  static final String JDK_17_JSSE = "t13d1514h2_8daaf6152771_a5b99884f7f5";

  static final String HOST = "sso.garmin.test";

  @Test
  void conscryptPresentsTheAndroidAppsHandshake() throws IOException {
    GarminHttpClients clients = GarminHttpClients.builder().tls(GarminTls.CONSCRYPT).build();

    assertThat(clients.identity()).isEqualTo(GarminTls.CONSCRYPT);
    assertThat(ja4Of(clients.tokensAndApi())).isEqualTo(ANDROID_APP);
    assertThat(ja4Of(clients.signIn())).isEqualTo(ANDROID_APP);
  }

  @Test
  void autoIsConscryptOnThisMachine() throws IOException {
    GarminHttpClients clients = GarminHttpClients.builder().build();

    assertThat(clients.identity()).isEqualTo(GarminTls.CONSCRYPT);
    assertThat(ja4Of(clients.tokensAndApi())).isEqualTo(ANDROID_APP);
  }

  @Test
  void jdkPresentsTheJvmsOwnHandshake() throws IOException {
    GarminHttpClients clients = GarminHttpClients.builder().tls(GarminTls.JDK).build();

    assertThat(clients.identity()).isEqualTo(GarminTls.JDK);
    String ja4 = ja4Of(clients.tokensAndApi());
    if (Runtime.version().feature() == 17) {
      assertThat(ja4).isEqualTo(JDK_17_JSSE); // the value measured in GARMIN-PROTOCOL section 8
    } else {
      // newer JDKs shake hands differently (CI also builds on 25); never the app's handshake
      assertThat(ja4).startsWith("t13").isNotEqualTo(ANDROID_APP);
    }
  }

  @Test
  void conscryptIsNotInstalledJvmWide() {
    GarminHttpClients.builder().tls(GarminTls.CONSCRYPT).build();

    assertThat(java.security.Security.getProviders())
        .noneMatch(p -> p.getName().equals("Conscrypt"));
    assertThat(new OkHttpClient().sslSocketFactory().getClass().getName())
        .doesNotContain("conscrypt");
  }

  /** The JA4 of the first ClientHello {@code client} sends to a loopback name. */
  static String ja4Of(OkHttpClient client) throws IOException {
    return Ja4.of(firstHello(client));
  }

  static ClientHello firstHello(OkHttpClient client) throws IOException {
    try (ClientHelloCapture capture = ClientHelloCapture.start()) {
      // A dotted host name, as Garmin's are, resolved to the capture: JSSE sends no SNI for a
      // bare "localhost", so a name like Garmin's is the only fair comparison.
      OkHttpClient toCapture =
          client.newBuilder().dns(host -> List.of(InetAddress.getLoopbackAddress())).build();
      Request request =
          new Request.Builder().url("https://" + HOST + ":" + capture.port() + "/").build();
      assertThatThrownBy(() -> toCapture.newCall(request).execute().close())
          .isInstanceOf(IOException.class);
      // the capture kept the record before it hung up, and the client failed only after that
      assertThat(capture.records()).isNotEmpty();
      ClientHello hello = capture.hellos().get(0);
      assertThat(hello.serverName()).contains(HOST);
      return hello;
    }
  }
}
