package com.fittrack.garminauth.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodesTest {

  @Test
  void wireNamesAreTheLowerCaseCodesTheApiPublishes() {
    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName))
        .contains(
            "invalid_credentials",
            "invalid_mfa_code",
            "challenge_expired",
            "challenge_not_found",
            "account_locked",
            "rate_limited",
            "garmin_unavailable",
            "garmin_protocol_error",
            "reauth_required",
            "not_connected",
            "validation_failed");
  }

  @Test
  void onlyPassingConditionsAreRetryable() {
    assertThat(Arrays.stream(ErrorCode.values()).filter(ErrorCode::retryable))
        .containsExactlyInAnyOrder(
            ErrorCode.CHALLENGE_IN_PROGRESS,
            ErrorCode.RATE_LIMITED,
            ErrorCode.GARMIN_UNAVAILABLE,
            ErrorCode.GARMIN_PROTOCOL_ERROR,
            ErrorCode.CONCURRENT_UPDATE,
            ErrorCode.STORAGE_UNAVAILABLE);
  }

  @Test
  void rateLimitCarriesGarminsRetryAfter() {
    var e = GarminUnavailableException.rateLimited("slow down", Duration.ofSeconds(90));
    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(90));
  }

  @Test
  void unavailableHasNoRetryAfterAndKeepsItsCause() {
    var cause = new java.io.IOException("timeout");
    var e = GarminUnavailableException.unavailable("Garmin timed out", cause);
    assertThat(e.code()).isEqualTo(ErrorCode.GARMIN_UNAVAILABLE);
    assertThat(e.retryAfter()).isEmpty();
    assertThat(e.getCause()).isSameAs(cause);
  }

  @Test
  void definiteFailuresAreNotRetryable() {
    assertThat(new SignInRejectedException(ErrorCode.ACCOUNT_LOCKED, "locked").retryable())
        .isFalse();
    var reauth = new ReauthRequiredException("invalid_grant", "sign in again");
    assertThat(reauth.code()).isEqualTo(ErrorCode.REAUTH_REQUIRED);
    assertThat(reauth.reason()).isEqualTo("invalid_grant");
    assertThat(reauth.retryable()).isFalse();
    assertThat(reauth.retryAfter()).isEmpty();
    assertThat(new GarminProtocolException("expected JSON").code())
        .isEqualTo(ErrorCode.GARMIN_PROTOCOL_ERROR);
  }

  @Test
  void notConnectedNamesTheUser() {
    var e = new NotConnectedException(UserId.of("user-7"));
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_CONNECTED);
    assertThat(e.getMessage()).contains("user-7");
  }

  @Test
  void wrongMfaCodeSaysHowManyAttemptsAreLeft() {
    var e = ChallengeException.invalidCode(2);
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MFA_CODE);
    assertThat(e.attemptsLeft()).hasValue(2);
    assertThat(e.getMessage()).contains("2 attempt(s) left");
    assertThat(new ChallengeException(ErrorCode.CHALLENGE_EXPIRED, "expired").attemptsLeft())
        .isEmpty();
  }

  @Test
  void storageFailuresCarryTheirCodes() {
    assertThat(StorageException.unavailable("db down", null).code())
        .isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
    assertThat(StorageException.concurrentUpdate("newer version").code())
        .isEqualTo(ErrorCode.CONCURRENT_UPDATE);
    assertThat(
            new StorageException(ErrorCode.STORED_VALUE_UNREADABLE, "user-1 access_token", null)
                .retryable())
        .isFalse();
  }

  @Test
  void eachFamilyRefusesCodesOfAnotherFamily() {
    assertThatThrownBy(() -> new ChallengeException(ErrorCode.RATE_LIMITED, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new GarminUnavailableException(ErrorCode.INVALID_CREDENTIALS, "x", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignInRejectedException(ErrorCode.GARMIN_UNAVAILABLE, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StorageException(ErrorCode.NOT_CONNECTED, "x", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
