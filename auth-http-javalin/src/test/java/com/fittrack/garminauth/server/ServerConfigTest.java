package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.http.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerConfigTest {
  private static final String SECRET = "s3cret-value-that-is-long-enough-1234";

  @Test
  void noConfigurationMeansTheEmbeddedDefaults() {
    ServerConfig c = ServerConfig.fromEnvironment(Map.of());

    assertThat(c.bind()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(7070);
    assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(c.database()).isEmpty();
    assertThat(c.encryptionKeys()).isEmpty();
    assertThat(c.apiKeys()).isEmpty();
    assertThat(c.garmin().domain()).isEqualTo("garmin.com");
    assertThat(c.garmin().allowCustomEndpoints()).isFalse();
    assertThat(c.maxBodyBytes()).isEqualTo(16 * 1024);
    assertThat(c.metricsPublic()).isTrue();
    assertThat(c.sweeperEnabled()).isTrue();
    assertThat(c.demo()).isFalse();
    assertThat(c.nearCacheSize()).isEqualTo(10_000);
    assertThat(c.proxy().maxBodyBytes()).isEqualTo(25 * 1024 * 1024);
    assertThat(c.proxy().maxConcurrentPerUser()).isEqualTo(4);
    assertThat(c.proxy().replayableBodyBytes()).isEqualTo(1024 * 1024);
  }

  @Test
  void theProxyHasItsOwnBodyLimitAndConcurrency() {
    ServerConfig c =
        ServerConfig.fromEnvironment(
            Map.of(
                "GARMIN_AUTH_PROXY_MAX_BODY_BYTES", "4096",
                "GARMIN_AUTH_PROXY_MAX_CONCURRENT_PER_USER", "2"));

    assertThat(c.proxy().maxBodyBytes()).isEqualTo(4096);
    assertThat(c.proxy().maxConcurrentPerUser()).isEqualTo(2);
    assertThat(c.proxy().replayableBodyBytes()).as("never above the limit").isEqualTo(4096);
    assertThat(c.maxBodyBytes()).as("the JSON routes keep theirs").isEqualTo(16 * 1024);
  }

  @Test
  void demoKeepsItsDataApart() {
    assertThat(ServerConfig.forDemo(Map.of()).dataDir()).isEqualTo(Path.of("./data/demo"));
    assertThat(ServerConfig.forDemo(Map.of()).demo()).isTrue();
  }

  @Test
  void readsEveryGroupOfSettings() {
    Map<String, String> env = new HashMap<>();
    env.put("GARMIN_AUTH_PORT", "0");
    env.put("GARMIN_AUTH_BIND", "0.0.0.0");
    env.put("GARMIN_AUTH_DB_URL", "jdbc:postgresql://db:5432/auth");
    env.put("GARMIN_AUTH_DB_USER", "auth");
    env.put("GARMIN_AUTH_DB_PASSWORD", SECRET);
    env.put(
        "GARMIN_AUTH_API_KEYS",
        "web:"
            + SECRET
            + ":connections:write+connections:read; worker:"
            + SECRET
            + "x:tokens:read");
    env.put("GARMIN_AUTH_REFRESH_MARGIN_SECONDS", "120");
    env.put("GARMIN_AUTH_REFRESH_LEASE_SECONDS", "20");
    env.put("GARMIN_AUTH_LOGIN_ATTEMPTS_PER_USER", "3");
    env.put("GARMIN_AUTH_SWEEPER_INTERVAL_SECONDS", "5");
    env.put("GARMIN_AUTH_NEAR_CACHE_SIZE", "0");

    ServerConfig c = ServerConfig.fromEnvironment(env);

    assertThat(c.port()).isZero();
    assertThat(c.bind()).isEqualTo("0.0.0.0");
    assertThat(c.database()).hasValueSatisfying(d -> assertThat(d.user()).hasValue("auth"));
    assertThat(c.apiKeys().orElseThrow())
        .extracting(k -> k.name() + "=" + k.scopes())
        .containsExactly("web=[CONNECTIONS_WRITE, CONNECTIONS_READ]", "worker=[TOKENS_READ]");
    assertThat(c.apiKeys().orElseThrow().get(1).scopes()).containsExactly(Scope.TOKENS_READ);
    assertThat(c.policy().refreshMargin()).isEqualTo(Duration.ofSeconds(120));
    assertThat(c.policy().refreshLease()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.policy().leaseWait()).isGreaterThan(c.policy().refreshLease());
    assertThat(c.policy().loginAttemptsPerWindow()).isEqualTo(3);
    assertThat(c.sweep().interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.nearCacheSize()).isZero();
    assertThat(c.toString()).doesNotContain(SECRET);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GARMIN_AUTH_PORT|seventy",
        "GARMIN_AUTH_PORT|70000",
        "GARMIN_AUTH_GARMIN_DOMAIN|garmin.evil.com",
        "GARMIN_AUTH_DB_URL|jdbc:mysql://db/auth",
        "GARMIN_AUTH_DB_PASSWORD|only-a-password",
        "GARMIN_AUTH_REFRESH_MARGIN_SECONDS|-5",
        "GARMIN_AUTH_SWEEPER_ENABLED|maybe",
        "GARMIN_AUTH_GARMIN_SSO_URL|http://127.0.0.1:9000",
        "GARMIN_AUTH_GARMIN_OAUTH_CONSUMER_KEY|key-without-secret",
        "GARMIN_AUTH_API_KEYS|no-colons-here",
        "GARMIN_AUTH_MFA_MAX_ATTEMPTS|0",
        "GARMIN_AUTH_NEAR_CACHE_SIZE|-1",
        "GARMIN_AUTH_NEAR_CACHE_SIZE|1000001",
        // shorter than the Garmin client's 10 s call: two workers could spend one refresh token
        "GARMIN_AUTH_REFRESH_LEASE_SECONDS|10",
        "GARMIN_AUTH_PROXY_MAX_BODY_BYTES|1023",
        "GARMIN_AUTH_PROXY_MAX_BODY_BYTES|25MiB",
        "GARMIN_AUTH_PROXY_MAX_CONCURRENT_PER_USER|0",
        "GARMIN_AUTH_PROXY_MAX_CONCURRENT_PER_USER|257",
      })
  void aBadValueStopsTheStartWithOneLineNamingTheVariable(String variable, String value) {
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of(variable, value)))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> {
              String message = e.getMessage();
              assertThat(message).doesNotContain("\n");
              assertThat(message).startsWith("GARMIN_AUTH_");
              if (!variable.equals("GARMIN_AUTH_GARMIN_SSO_URL")
                  && !variable.equals("GARMIN_AUTH_GARMIN_OAUTH_CONSUMER_KEY")
                  && !variable.equals("GARMIN_AUTH_DB_PASSWORD")) {
                assertThat(((ConfigException) e).variable()).isEqualTo(variable);
              }
              assertThat(message).doesNotContain("only-a-password");
            });
  }

  @Test
  void customGarminUrlsNeedTheOptInAndAllThree() {
    Map<String, String> env = new HashMap<>();
    env.put("GARMIN_AUTH_GARMIN_SSO_URL", "http://127.0.0.1:9000");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
        .hasMessageStartingWith("GARMIN_AUTH_GARMIN_ALLOW_CUSTOM_ENDPOINTS:");

    env.put("GARMIN_AUTH_GARMIN_ALLOW_CUSTOM_ENDPOINTS", "true");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
        .hasMessageStartingWith("GARMIN_AUTH_GARMIN_CONNECTAPI_URL:");

    env.put("GARMIN_AUTH_GARMIN_CONNECTAPI_URL", "http://127.0.0.1:9000");
    env.put("GARMIN_AUTH_GARMIN_DIAUTH_URL", "http://127.0.0.1:9000");
    assertThat(ServerConfig.fromEnvironment(env).garmin().ssoUrl()).isPresent();
  }

  @Test
  void apiKeyErrorsNameTheEntryButNeverTheSecret() {
    assertThatThrownBy(
            () ->
                ServerConfig.fromEnvironment(
                    Map.of("GARMIN_AUTH_API_KEYS", "web:" + SECRET + ":tokens:write")))
        .hasMessageContaining("entry 1 ('web')")
        .hasMessageContaining("tokens:write")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(
            () ->
                ServerConfig.fromEnvironment(
                    Map.of("GARMIN_AUTH_API_KEYS", "web:short:tokens:read")))
        .hasMessageContaining("shorter than 24")
        .hasMessageNotContaining(":short:");
  }

  @Test
  void unknownGarminAuthVariablesAreReportedAsLikelyTypos() {
    Map<String, String> env =
        Map.of(
            "GARMIN_AUTH_PROT", "8080",
            "GARMIN_AUTH_PORT", "8080",
            "GARMIN_AUTH_TEST_PG_URL", "jdbc:postgresql://x/y",
            "HOME", "/root");

    assertThat(ServerConfig.unknownVariables(env)).containsExactly("GARMIN_AUTH_PROT");
  }

  @Test
  void readmeDocumentsEveryVariable() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));

    assertThat(ServerConfig.variables()).hasSizeGreaterThan(20);
    for (String variable : ServerConfig.variables()) {
      assertThat(readme).as(variable).contains("`" + variable + "`");
    }
  }
}
