package com.fittrack.garminauth.garmin.session;

import static com.fittrack.garminauth.garmin.session.GarminSessionFilesTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** garth-ng's formats, python-garminconnect without a refresh token, and the strict rules. */
class GarthNgAndStrictImportTest {
  // the fixtures' access tokens expire at 1795003600; "now" is half an hour before
  private static final Instant EXPIRY = Instant.ofEpochSecond(1795003600);
  private static final Instant NOW = EXPIRY.minus(Duration.ofMinutes(30));

  private static GarminCredentials parseNow(String fixture) {
    return GarminSessionFiles.parse(Optional.empty(), fixture(fixture), NOW, "garmin.com");
  }

  @ParameterizedTest
  @CsvSource({"garth-ng-dumps.txt", "garth-ng-oauth2_token.json"})
  void readsGarthNgSessionsIntoDiCredentials(String file) {
    DiOAuth2Credentials c = (DiOAuth2Credentials) parseNow(file);

    assertThat(c.clientId()).isEqualTo("GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2");
    assertThat(c.accessTokenExpiresAt()).isEqualTo(EXPIRY);
    assertThat(c.refreshToken().reveal()).startsWith("eyJyZWZyZXNo");
    assertThat(c.refreshTokenExpiresAt())
        .contains(Instant.ofEpochSecond(1795003600 - 3599 + 2591999));
    assertThat(c.canRefresh()).isTrue();
  }

  @Test
  void readsAPythonGarminconnectFileWithoutRefreshTokenAsUnrefreshable() {
    DiOAuth2Credentials c = (DiOAuth2Credentials) parseNow("garminconnect-null-refresh.json");

    assertThat(c.canRefresh()).isFalse();
    assertThat(c.accessTokenExpiresAt()).isEqualTo(EXPIRY);
    assertThat(c.refreshTokenExpiresAt()).contains(EXPIRY);
  }

  @Test
  void aDiSessionsDomainIsItsIssuersAndMustBeTheServers() {
    ValidationException onCom =
        catchThrowableOfType(ValidationException.class, () -> parseNow("garminconnect-china.json"));
    GarminCredentials onCn =
        GarminSessionFiles.parse(
            Optional.empty(), fixture("garminconnect-china.json"), NOW, "garmin.cn");

    assertThat(onCom.field()).isEqualTo("di_token.iss");
    assertThat(onCom.getMessage()).contains("garmin.cn").doesNotContain("eyJ");
    assertThat(onCn).isInstanceOf(DiOAuth2Credentials.class);
  }

  @Test
  void duplicateKeysAreRefused() {
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class,
            () -> parseNow("malformed-garminconnect-duplicate-key.json"));

    assertThat(e.field()).isEqualTo("data");
    assertThat(e.getMessage()).contains("duplicated key");
  }

  @Test
  void expiriesAreJudgedAgainstNow() {
    ValidationException expired =
        catchThrowableOfType(
            ValidationException.class,
            () ->
                GarminSessionFiles.parse(
                    Optional.empty(),
                    fixture("garminconnect-tokens.json"),
                    EXPIRY.plusSeconds(1),
                    "garmin.com"));
    ValidationException tooFar =
        catchThrowableOfType(
            ValidationException.class,
            () ->
                GarminSessionFiles.parse(
                    Optional.empty(),
                    fixture("garminconnect-tokens.json"),
                    EXPIRY.minus(Duration.ofDays(40)),
                    "garmin.com"));
    // a garth access token may have expired: its OAuth1 token renews it
    GarminCredentials oldGarth =
        GarminSessionFiles.parse(
            Optional.empty(),
            fixture("garth-pair.json"),
            NOW.plus(Duration.ofDays(20)),
            "garmin.com");

    assertThat(expired.field()).isEqualTo("di_token.exp");
    assertThat(tooFar.field()).isEqualTo("di_token.exp");
    assertThat(oldGarth.accessTokenExpiresAt()).isBefore(NOW.plus(Duration.ofDays(20)));
  }
}
