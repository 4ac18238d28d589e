package com.fittrack.garminauth.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookEndpointTest {
  private static final String SECRET = WebhookSignerTest.SPEC_SECRET;

  @Test
  void parsesSeveralEndpoints() {
    List<WebhookEndpoint> endpoints =
        WebhookEndpoint.parseAll(
            "fittrack=https://fittrack.example/hooks "
                + SECRET
                + " ; audit=https://a.example/x "
                + SECRET,
            false);

    assertThat(endpoints).extracting(WebhookEndpoint::id).containsExactly("fittrack", "audit");
    assertThat(endpoints.get(0).url()).isEqualTo(URI.create("https://fittrack.example/hooks"));
    assertThat(endpoints.get(0).toString()).doesNotContain("MfKQ9r8");
  }

  @Test
  void plainHttpOnlyToLoopbackAndOnlyWhenAllowed() {
    assertThat(WebhookEndpoint.parseAll("local=http://127.0.0.1:7150/h " + SECRET, true))
        .hasSize(1);
    assertThatThrownBy(
            () -> WebhookEndpoint.parseAll("local=http://127.0.0.1:7150/h " + SECRET, false))
        .hasMessageContaining("GARMIN_AUTH_WEBHOOKS_ALLOW_LOOPBACK_HTTP");
    assertThatThrownBy(
            () -> WebhookEndpoint.parseAll("far=http://fittrack.example/h " + SECRET, true))
        .hasMessageContaining("must be https");
  }

  @Test
  void refusesMalformedEntriesWithoutShowingTheSecret() {
    for (String bad :
        List.of(
            "https://fittrack.example/h " + SECRET,
            "x=https://fittrack.example/h",
            "Bad Id=https://fittrack.example/h " + SECRET,
            "a=https://fittrack.example/h " + SECRET + ";a=https://b.example/h " + SECRET,
            "a=https://user:pw@fittrack.example/h " + SECRET,
            "a=ftp://fittrack.example/h " + SECRET,
            "a=https://fittrack.example/h whsec_%%%%")) {
      assertThatThrownBy(() -> WebhookEndpoint.parseAll(bad, true))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining("MfKQ9r8")
          .hasMessageNotContaining("pw@");
    }
  }
}
