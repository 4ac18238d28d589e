package com.fittrack.garminauth.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.port.in.AccessToken;
import com.fittrack.garminauth.core.application.port.in.CompleteMfaCommand;
import com.fittrack.garminauth.core.application.port.in.LoginCommand;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.support.TestCredentials;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void secretNeverPrintsItsValue() {
    Secret secret = Secret.of("hunter2-very-secret");
    assertThat(secret).hasToString("[redacted]");
    assertThat("" + secret).doesNotContain("hunter2");
    assertThat(secret.reveal()).isEqualTo("hunter2-very-secret");
    assertThat(secret.length()).isEqualTo(19);
  }

  @Test
  void secretComparesByValue() {
    Secret secret = Secret.of("abc");
    assertThat(secret.matches("abc")).isTrue();
    assertThat(secret.matches("abd")).isFalse();
    assertThat(secret.matches("ab")).isFalse();
    assertThat(secret.matches(null)).isFalse();
    assertThat(secret).isEqualTo(Secret.of("abc")).hasSameHashCodeAs(Secret.of("abc"));
    assertThat(secret).isNotEqualTo(Secret.of("abd")).isNotEqualTo("abc");
  }

  @Test
  void secretMustHoldSomething() {
    assertThatThrownBy(() -> Secret.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void everyValueHoldingASecretPrintsRedacted() {
    var di = TestCredentials.di("access-jwt-SECRET", "refresh-SECRET", T);
    var legacy = TestCredentials.legacy("legacy-access-SECRET", T, Optional.of(T));
    UserId user = UserId.of("user-1");
    List<Object> holders =
        List.of(
            di,
            legacy,
            legacy.oauth1(),
            GarminConnection.connect(user, di, Optional.empty(), T),
            MfaChallenge.open(user, MfaMethod.EMAIL, Secret.of("cookie-SECRET"), 5, T, T),
            new SignInOutcome.MfaRequired(MfaMethod.EMAIL, Secret.of("resume-SECRET")),
            new SignInOutcome.SignedIn(di, Optional.empty()),
            new AccessToken(Secret.of("bearer-SECRET"), T),
            LoginCommand.of("user-1", "runner@example.com", "password-SECRET"));
    for (Object holder : holders) {
      assertThat(holder.toString())
          .as(holder.getClass().getSimpleName())
          .contains("[redacted]")
          .doesNotContain("SECRET")
          .doesNotContain("secret-value");
    }
  }

  @Test
  void mfaCommandHidesTheCode() {
    var command = CompleteMfaCommand.of("user-1", ChallengeId.random().value(), "987654");
    assertThat(command.toString()).doesNotContain("987654").contains("code=***");
    assertThat(command.code()).isEqualTo("987654");
  }

  @Test
  void accessTokenRevealsItselfOnlyAsAnAuthorizationHeader() {
    var token = new AccessToken(Secret.of("jwt"), T);
    assertThat(token.tokenType()).isEqualTo("Bearer");
    assertThat(token.authorizationHeader()).isEqualTo("Bearer jwt");
  }
}
