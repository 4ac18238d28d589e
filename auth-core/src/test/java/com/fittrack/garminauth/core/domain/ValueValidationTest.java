package com.fittrack.garminauth.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueValidationTest {

  @ParameterizedTest
  @ValueSource(strings = {"u", "user-42", "A.b_c:d@e-f", "0123456789"})
  void acceptsUserIdsOfAllowedCharacters(String raw) {
    assertThat(UserId.of(raw).value()).isEqualTo(raw);
    assertThat(UserId.of(raw)).hasToString(raw);
  }

  @Test
  void acceptsUserIdOf128CharactersButNot129() {
    assertThat(UserId.of("a".repeat(128)).value()).hasSize(128);
    assertThatThrownBy(() -> UserId.of("a".repeat(129)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("userId"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"user 42", "user/42", "user?x", "ü", "a\nb", "a;drop"})
  void rejectsMalformedUserIdsAsValidationFailed(String raw) {
    assertThatThrownBy(() -> UserId.of(raw))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
              assertThat(e.field()).isEqualTo("userId");
              assertThat(e.getMessage()).startsWith("userId: ");
            });
  }

  @Test
  void randomChallengeIdsAreValidAndDistinct() {
    Set<ChallengeId> ids = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      ChallengeId id = ChallengeId.random();
      // 256 bits in base64url without padding
      assertThat(id.value()).hasSize(43).matches("[A-Za-z0-9_-]+");
      assertThat(ChallengeId.of(id.toString())).isEqualTo(id);
      ids.add(id);
    }
    assertThat(ids).hasSize(100);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "twenty-one-characters",
        "has+plus+and/slash/in-it-which-is-not-url",
        "has=padding=which-is-not-allowed"
      })
  void rejectsMalformedChallengeIds(String raw) {
    assertThatThrownBy(() -> ChallengeId.of(raw))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("challengeId"));
  }

  @Test
  void rejectsChallengeIdLongerThan64Characters() {
    assertThat(ChallengeId.of("a".repeat(64)).value()).hasSize(64);
    assertThatThrownBy(() -> ChallengeId.of("a".repeat(65)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void mfaMethodKeepsGarminsWordLowerCased() {
    assertThat(MfaMethod.of("EMAIL")).isEqualTo(MfaMethod.EMAIL);
    assertThat(MfaMethod.of("Sms")).isEqualTo(MfaMethod.SMS);
    assertThat(MfaMethod.of("totp_app")).hasToString("totp_app");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"e-mail", "sms code", "<script>", "abcdefghijklmnopqrstuvwxyz0123456"})
  void rejectsMfaMethodsThatAreNotPlainShortTokens(String raw) {
    assertThatThrownBy(() -> MfaMethod.of(raw))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("mfaMethod"));
  }

  @Test
  void oauth1TokenAcceptsOnlyGarminDomains() {
    Secret s = Secret.of("x");
    assertThat(new OAuth1Token(s, s, Optional.empty(), Optional.empty(), "garmin.cn").domain())
        .isEqualTo("garmin.cn");
    assertThatThrownBy(
            () -> new OAuth1Token(s, s, Optional.empty(), Optional.empty(), "evil.example"))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("domain"));
  }

  @Test
  void diCredentialsNeedAClientIdOfSaneLength() {
    Secret s = Secret.of("x");
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> new DiOAuth2Credentials(s, s, " ", t, Optional.empty()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("clientId"));
    assertThatThrownBy(() -> new DiOAuth2Credentials(s, s, "c".repeat(129), t, Optional.empty()))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void garminIdentityNeedsADisplayNameOfSaneLength() {
    assertThat(new GarminIdentity("runner", Optional.of("123")).displayName()).isEqualTo("runner");
    assertThatThrownBy(() -> new GarminIdentity("", Optional.empty()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("displayName"));
    assertThatThrownBy(() -> new GarminIdentity("n".repeat(257), Optional.empty()))
        .isInstanceOf(ValidationException.class);
  }
}
