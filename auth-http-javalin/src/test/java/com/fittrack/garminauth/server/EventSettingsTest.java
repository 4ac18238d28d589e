package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSettingsTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @Test
  void defaultsToSevenDaysAndNoWebhooks() {
    EventSettings events = ServerConfig.fromEnvironment(Map.of()).events();

    assertThat(events.retention()).isEqualTo(Duration.ofDays(7));
    assertThat(events.refreshFailingAfter()).isEqualTo(Duration.ofMinutes(15));
    assertThat(events.webhooks()).isEmpty();
  }

  @Test
  void readsWebhooksAndRefusesBadOnesNamingTheVariableButNotTheSecret() {
    EventSettings events =
        ServerConfig.fromEnvironment(
                Map.of(
                    "GARMIN_AUTH_WEBHOOKS",
                    "fittrack=https://fittrack.example/h " + SECRET,
                    "GARMIN_AUTH_EVENTS_RETENTION_DAYS",
                    "30"))
            .events();
    assertThat(events.webhooks()).hasSize(1);
    assertThat(events.retention()).isEqualTo(Duration.ofDays(30));

    assertThatThrownBy(
            () ->
                ServerConfig.fromEnvironment(
                    Map.of("GARMIN_AUTH_WEBHOOKS", "local=http://127.0.0.1:7150/h " + SECRET)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GARMIN_AUTH_WEBHOOKS")
        .hasMessageNotContaining("MfKQ9r8");
    assertThat(
            ServerConfig.fromEnvironment(
                    Map.of(
                        "GARMIN_AUTH_WEBHOOKS",
                        "local=http://127.0.0.1:7150/h " + SECRET,
                        "GARMIN_AUTH_WEBHOOKS_ALLOW_LOOPBACK_HTTP",
                        "true"))
                .events()
                .webhooks())
        .hasSize(1);
    assertThatThrownBy(
            () -> ServerConfig.fromEnvironment(Map.of("GARMIN_AUTH_EVENTS_RETENTION_DAYS", "0")))
        .hasMessageContaining("GARMIN_AUTH_EVENTS_RETENTION_DAYS");
  }
}
