package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.garmin.SignInFlow;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GarminSignInSettingsTest {

  @Test
  void defaultsAreCurrentClientsOrderPausesAndThirtySeconds() {
    GarminSignInSettings s = ServerConfig.fromEnvironment(Map.of()).garmin().signIn();

    assertThat(s.strategies())
        .containsExactly(
            SignInFlow.MOBILE_IOS,
            SignInFlow.MOBILE_API,
            SignInFlow.EMBED_WIDGET,
            SignInFlow.PORTAL_API);
    assertThat(s.pacing().pageMin()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.pacing().pageMax()).isEqualTo(Duration.ofSeconds(8));
    assertThat(s.pacing().portalMin()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.pacing().portalMax()).isEqualTo(Duration.ofSeconds(20));
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.longestPauses()).isEqualTo(Duration.ofSeconds(3 * 8 + 20));
  }

  @Test
  void aFakeNeedsNoPausesUnlessAskedFor() {
    Map<String, String> fake =
        Map.of(
            "GARMIN_AUTH_GARMIN_ALLOW_CUSTOM_ENDPOINTS", "true",
            "GARMIN_AUTH_GARMIN_SSO_URL", "http://127.0.0.1:7110",
            "GARMIN_AUTH_GARMIN_CONNECTAPI_URL", "http://127.0.0.1:7110",
            "GARMIN_AUTH_GARMIN_DIAUTH_URL", "http://127.0.0.1:7110");

    assertThat(ServerConfig.fromEnvironment(fake).garmin().signIn().pacing().pageMax()).isZero();
  }

  @Test
  void theVariablesAreRead() {
    GarminSignInSettings s =
        ServerConfig.fromEnvironment(
                Map.of(
                    "GARMIN_AUTH_GARMIN_SIGNIN_STRATEGIES", "embed-widget, mobile-ios",
                    "GARMIN_AUTH_GARMIN_SIGNIN_PAUSE_SECONDS", "0",
                    "GARMIN_AUTH_GARMIN_PORTAL_PAUSE_SECONDS", "12 - 15",
                    "GARMIN_AUTH_GARMIN_SIGNIN_TIMEOUT_SECONDS", "45"))
            .garmin()
            .signIn();

    assertThat(s.strategies()).containsExactly(SignInFlow.EMBED_WIDGET, SignInFlow.MOBILE_IOS);
    assertThat(s.pacing().pageMax()).isZero();
    assertThat(s.pacing().portalMin()).isEqualTo(Duration.ofSeconds(12));
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(45));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GARMIN_AUTH_GARMIN_SIGNIN_STRATEGIES|mobile-api,carrier-pigeon",
        "GARMIN_AUTH_GARMIN_SIGNIN_STRATEGIES|portal-api,portal-api",
        "GARMIN_AUTH_GARMIN_SIGNIN_STRATEGIES|mobile-api,",
        "GARMIN_AUTH_GARMIN_SIGNIN_PAUSE_SECONDS|8-3",
        "GARMIN_AUTH_GARMIN_SIGNIN_PAUSE_SECONDS|500",
        "GARMIN_AUTH_GARMIN_PORTAL_PAUSE_SECONDS|soon",
        "GARMIN_AUTH_GARMIN_SIGNIN_TIMEOUT_SECONDS|2",
      })
  void aBadValueIsOneLineNamingTheVariable(String variable, String value) {
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of(variable, value)))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> {
              assertThat(e.getMessage()).startsWith(variable + ":").doesNotContain("\n");
              assertThat(((ConfigException) e).variable()).isEqualTo(variable);
            });
  }
}
