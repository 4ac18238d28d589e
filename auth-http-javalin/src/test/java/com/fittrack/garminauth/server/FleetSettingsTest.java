package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.CooldownKeys;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FleetSettingsTest {

  @Test
  void defaultsAreADirectEgressAMinuteDoublingToThirtyAndAThirtySecondFloor() {
    ServerConfig config = ServerConfig.fromEnvironment(Map.of());

    assertThat(config.fleet()).isEqualTo(FleetSettings.defaults());
    assertThat(config.policy().forcedRefreshFloor()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.policy().cooldownBase()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.policy().cooldownMax()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.fleet().cooldownKeys(config.garmin()))
        .isEqualTo(new CooldownKeys("sso.garmin.com|direct", "diauth.garmin.com|direct"));
    assertThat(RefreshStormCheck.warnings(config)).isEmpty();
  }

  @Test
  void settingsAreReadIntoThePolicyAndTheKeys() {
    ServerConfig config =
        ServerConfig.fromEnvironment(
            Map.of(
                "GARMIN_AUTH_GARMIN_EGRESS", "proxy-eu-1",
                "GARMIN_AUTH_GARMIN_DOMAIN", "garmin.cn",
                "GARMIN_AUTH_COOLDOWN_BASE_SECONDS", "10",
                "GARMIN_AUTH_COOLDOWN_MAX_SECONDS", "600",
                "GARMIN_AUTH_FORCED_REFRESH_FLOOR_SECONDS", "0",
                "GARMIN_AUTH_LOGIN_KEY_SECRET", "k".repeat(32),
                "GARMIN_AUTH_TRUSTED_PROXY_HEADER", "X-Forwarded-For"));

    assertThat(config.policy().cooldownBase()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.policy().cooldownMax()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.policy().forcedRefreshFloor()).isZero();
    assertThat(config.fleet().trustedProxyHeader()).contains("X-Forwarded-For");
    assertThat(config.fleet().loginKeySecret()).isPresent();
    assertThat(config.fleet().toString()).doesNotContain("kkkk");
    assertThat(config.fleet().cooldownKeys(config.garmin()).signIn())
        .isEqualTo("sso.garmin.cn|proxy-eu-1");
  }

  @ParameterizedTest
  @CsvSource({
    "GARMIN_AUTH_GARMIN_EGRESS, 'has space'",
    "GARMIN_AUTH_COOLDOWN_BASE_SECONDS, 0",
    "GARMIN_AUTH_COOLDOWN_MAX_SECONDS, 30",
    "GARMIN_AUTH_FORCED_REFRESH_FLOOR_SECONDS, -1",
    "GARMIN_AUTH_LOGIN_KEY_SECRET, too-short-a-secret",
    "GARMIN_AUTH_TRUSTED_PROXY_HEADER, 'X-Forwarded-For: 1.2.3.4'"
  })
  void aBadValueStopsTheStartNamingTheVariableButNotASecret(String variable, String value) {
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of(variable, value)))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.variable()).isEqualTo(variable);
              if (variable.equals("GARMIN_AUTH_LOGIN_KEY_SECRET")) {
                assertThat(e.getMessage()).doesNotContain(value);
              }
            });
  }

  @Test
  void aMarginOrHorizonLongerThanATenthOfAGarminTokenOrAHorizonBelowTheMarginIsWarnedAbout() {
    // A tenth of Garmin's 21-h token is 7560 s: up to it a setting applies as given.
    ServerConfig honoured =
        ServerConfig.fromEnvironment(
            Map.of(
                "GARMIN_AUTH_REFRESH_MARGIN_SECONDS", "1800",
                "GARMIN_AUTH_SWEEPER_HORIZON_SECONDS", "7560"));
    ServerConfig long_ =
        ServerConfig.fromEnvironment(
            Map.of(
                "GARMIN_AUTH_REFRESH_MARGIN_SECONDS", "7561",
                "GARMIN_AUTH_SWEEPER_HORIZON_SECONDS", "86400"));
    ServerConfig inverted =
        ServerConfig.fromEnvironment(
            Map.of(
                "GARMIN_AUTH_REFRESH_MARGIN_SECONDS", "300",
                "GARMIN_AUTH_SWEEPER_HORIZON_SECONDS", "60"));
    ServerConfig noSweeper =
        ServerConfig.fromEnvironment(
            Map.of(
                "GARMIN_AUTH_SWEEPER_ENABLED", "false",
                "GARMIN_AUTH_SWEEPER_HORIZON_SECONDS", "86400"));

    assertThat(RefreshStormCheck.warnings(honoured)).isEmpty();
    assertThat(RefreshStormCheck.warnings(long_))
        .hasSize(2)
        .anyMatch(w -> w.startsWith("GARMIN_AUTH_REFRESH_MARGIN_SECONDS (7561 s)"))
        .anyMatch(w -> w.startsWith("GARMIN_AUTH_SWEEPER_HORIZON_SECONDS (86400 s)"))
        .allMatch(w -> w.contains("about 7560 s before it expires"));
    assertThat(RefreshStormCheck.warnings(inverted))
        .singleElement()
        .asString()
        .contains("shorter than GARMIN_AUTH_REFRESH_MARGIN_SECONDS");
    assertThat(RefreshStormCheck.warnings(noSweeper)).isEmpty();
  }
}
