package com.fittrack.garminauth.garmin.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fittrack.garminauth.core.domain.CredentialType;
import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.LegacyOAuthCredentials;
import com.fittrack.garminauth.core.domain.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Imports of garth and python-garminconnect session files, real-shaped and malformed. */
class GarminSessionFilesTest {

  static String fixture(String name) {
    try (InputStream in = GarminSessionFilesTest.class.getResourceAsStream("/sessions/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void readsGarthDumpsIntoLegacyCredentials() {
    GarminCredentials c =
        GarminSessionFiles.parse(Optional.of("garth"), fixture("garth-dumps.txt"));

    assertThat(c.type()).isEqualTo(CredentialType.LEGACY_OAUTH1);
    LegacyOAuthCredentials legacy = (LegacyOAuthCredentials) c;
    assertThat(legacy.oauth1().token().reveal()).isEqualTo("5c4d1a02-9a7e-4c1b-8d3f-2f0e6b1a9c77");
    assertThat(legacy.oauth1().tokenSecret().reveal()).isEqualTo("Zk3qT8vR1mN6pL0sW4yX7cB2");
    assertThat(legacy.oauth1().mfaToken()).isPresent();
    assertThat(legacy.oauth1().mfaExpiresAt()).contains(Instant.parse("2027-03-18T05:33:02Z"));
    assertThat(legacy.oauth1().domain()).isEqualTo("garmin.com");
    assertThat(legacy.accessTokenExpiresAt()).isEqualTo(Instant.ofEpochSecond(1795000000));
    assertThat(legacy.refreshToken()).isPresent();
    assertThat(legacy.refreshTokenExpiresAt()).contains(Instant.ofEpochSecond(1797516982));
  }

  @Test
  void readsGarthDumpsWithoutMfa() {
    LegacyOAuthCredentials c =
        (LegacyOAuthCredentials)
            GarminSessionFiles.parse(Optional.empty(), fixture("garth-dumps-no-mfa.txt"));

    assertThat(c.oauth1().mfaToken()).isEmpty();
    assertThat(c.oauth1().mfaExpiresAt()).isEmpty();
  }

  @Test
  void readsTheGarthFilePairAsOneObject() {
    String pair =
        "{\"oauth1_token\": "
            + fixture("garth-oauth1_token.json")
            + ", \"oauth2_token\": "
            + fixture("garth-oauth2_token.json")
            + "}";

    GarminCredentials fromPair = GarminSessionFiles.parse(Optional.empty(), pair);
    GarminCredentials fromDumps =
        GarminSessionFiles.parse(Optional.empty(), fixture("garth-dumps.txt"));

    assertThat(fromPair).isEqualTo(fromDumps);
    assertThat(GarminSessionFiles.parse(Optional.of("garth"), fixture("garth-pair.json")))
        .isEqualTo(fromDumps);
  }

  @Test
  void readsPythonGarminConnectTokensIntoDiCredentials() {
    GarminCredentials c =
        GarminSessionFiles.parse(Optional.empty(), fixture("garminconnect-tokens.json"));

    assertThat(c.type()).isEqualTo(CredentialType.DI_OAUTH2);
    DiOAuth2Credentials di = (DiOAuth2Credentials) c;
    assertThat(di.clientId()).isEqualTo("GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2");
    assertThat(di.accessTokenExpiresAt()).isEqualTo(Instant.ofEpochSecond(1795003600));
    assertThat(di.refreshToken().reveal()).startsWith("eyJyZWZyZXNo");
    assertThat(di.refreshTokenExpiresAt()).isEmpty();
  }

  @Test
  void explicitFormatMustMatchTheData() {
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class,
            () ->
                GarminSessionFiles.parse(Optional.of("garminconnect"), fixture("garth-dumps.txt")));

    assertThat(e.field()).isEqualTo("data");
  }

  @ParameterizedTest
  @CsvSource({
    "malformed-garth-pair-missing-secret.json, oauth1_token.oauth_token_secret",
    "malformed-garth-pair-expiry-not-a-number.json, oauth2_token.expires_at",
    "malformed-garth-pair-foreign-domain.json, oauth1_token.domain",
    "malformed-garth-dumps-not-base64.txt, data",
    "malformed-garth-dumps-three-parts.txt, data",
    "malformed-garminconnect-not-a-jwt.json, di_token",
    "malformed-garminconnect-missing-refresh.json, di_refresh_token",
    "malformed-garminconnect-refresh-not-a-string.json, di_refresh_token",
    "malformed-truncated.json, data",
    "malformed-unknown-shape.json, data"
  })
  void malformedFilesNameTheFieldAndQuoteNothing(String file, String field) {
    String data = fixture(file);

    ValidationException e =
        catchThrowableOfType(
            ValidationException.class, () -> GarminSessionFiles.parse(Optional.empty(), data));

    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage())
        .doesNotContain("Zk3qT8vR1mN6pL0sW4yX7cB2", "5c4d1a02", "eyJ", "not-a-jwt", "f3a9c2e1");
  }

  @Test
  void rejectsAnUnknownFormatName() {
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class,
            () -> GarminSessionFiles.parse(Optional.of("tapiriik"), "{}"));

    assertThat(e.field()).isEqualTo("format");
  }

  @Test
  void rejectsEmptyAndOversizedData() {
    assertThat(
            catchThrowableOfType(
                    ValidationException.class,
                    () -> GarminSessionFiles.parse(Optional.empty(), " "))
                .field())
        .isEqualTo("data");
    String huge = "{\"di_token\": \"" + "a".repeat(GarminSessionFiles.MAX_DATA_CHARS) + "\"}";
    assertThat(
            catchThrowableOfType(
                    ValidationException.class,
                    () -> GarminSessionFiles.parse(Optional.empty(), huge))
                .field())
        .isEqualTo("data");
  }

  @Test
  void rejectsATokenWithSpacesOrControlCharacters() {
    String data = fixture("garminconnect-tokens.json").replace("eyJyZWZyZXNo", "ey J\\nyZWZyZXNo");

    ValidationException e =
        catchThrowableOfType(
            ValidationException.class, () -> GarminSessionFiles.parse(Optional.empty(), data));

    assertThat(e.field()).isEqualTo("di_refresh_token");
  }
}
