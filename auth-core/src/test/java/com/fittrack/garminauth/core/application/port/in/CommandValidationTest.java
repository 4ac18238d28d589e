package com.fittrack.garminauth.core.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.domain.ChallengeId;
import com.fittrack.garminauth.core.domain.ValidationException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandValidationTest {
  private static final String CHALLENGE = ChallengeId.random().value();

  @Test
  void loginCommandStripsTheEmailAndKeepsThePasswordSecret() {
    LoginCommand command = LoginCommand.of("user-1", "  runner@example.com ", "pw");
    assertThat(command.email()).isEqualTo("runner@example.com");
    assertThat(command.password().reveal()).isEqualTo("pw");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"ab", "no-at-sign", "@example.com", "runner@", "run\tner@example.com"})
  void rejectsEmailsThatAreNotAddresses(String email) {
    assertRejected(() -> LoginCommand.of("user-1", email, "pw"), "email");
  }

  @Test
  void acceptsEmailsUpTo254Characters() {
    String local = "r".repeat(254 - "@example.com".length());
    assertThat(LoginCommand.of("u", local + "@example.com", "pw").email()).hasSize(254);
    assertRejected(() -> LoginCommand.of("u", "r" + local + "@example.com", "pw"), "email");
  }

  @Test
  void acceptsPasswordsOf1To256Characters() {
    assertThat(LoginCommand.of("u", "a@b.c", "p".repeat(256)).password().length()).isEqualTo(256);
    assertRejected(() -> LoginCommand.of("u", "a@b.c", "p".repeat(257)), "password");
    assertRejected(() -> LoginCommand.of("u", "a@b.c", ""), "password");
    assertRejected(() -> LoginCommand.of("u", "a@b.c", null), "password");
  }

  @Test
  void aRejectedPasswordIsNotEchoed() {
    String password = "Sup3rSecret\u0000";
    assertThatThrownBy(() -> LoginCommand.of("u", "a@b.c", password))
        .isInstanceOf(ValidationException.class)
        .hasMessageNotContaining("Sup3rSecret");
  }

  @Test
  void loginCommandValidatesTheUserIdFirstOfAll() {
    assertRejected(() -> LoginCommand.of("bad user", "a@b.c", "pw"), "userId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1234", "0000000000", "987654"})
  void acceptsMfaCodesOf4To10Digits(String code) {
    assertThat(CompleteMfaCommand.of("user-1", CHALLENGE, code).code()).isEqualTo(code);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"123", "12345678901", "12a456", " 123456", "１２３４"})
  void rejectsMfaCodesThatAreNot4To10Digits(String code) {
    assertRejected(() -> CompleteMfaCommand.of("user-1", CHALLENGE, code), "code");
  }

  @Test
  void mfaCommandNeedsAWellFormedChallengeId() {
    assertRejected(() -> CompleteMfaCommand.of("user-1", null, "123456"), "challengeId");
    assertRejected(() -> CompleteMfaCommand.of("user-1", "short", "123456"), "challengeId");
    assertRejected(() -> CompleteMfaCommand.of("a b", CHALLENGE, "123456"), "userId");
  }

  private static void assertRejected(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
