package com.fittrack.garminauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fittrack.garminauth.core.domain.ChallengeException;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.NotConnectedException;
import com.fittrack.garminauth.core.domain.ReauthRequiredException;
import com.fittrack.garminauth.core.domain.SignInRejectedException;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.domain.ValidationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every core error code reaches the caller as the documented status and problem document. */
class ErrorMappingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<ErrorCode, Integer> DOCUMENTED =
      Map.ofEntries(
          Map.entry(ErrorCode.VALIDATION_FAILED, 400),
          Map.entry(ErrorCode.NOT_CONNECTED, 404),
          Map.entry(ErrorCode.CHALLENGE_NOT_FOUND, 404),
          Map.entry(ErrorCode.REAUTH_REQUIRED, 409),
          Map.entry(ErrorCode.CHALLENGE_IN_PROGRESS, 409),
          Map.entry(ErrorCode.CONCURRENT_UPDATE, 409),
          Map.entry(ErrorCode.CHALLENGE_EXPIRED, 410),
          Map.entry(ErrorCode.INVALID_CREDENTIALS, 422),
          Map.entry(ErrorCode.INVALID_MFA_CODE, 422),
          Map.entry(ErrorCode.ACCOUNT_LOCKED, 423),
          Map.entry(ErrorCode.RATE_LIMITED, 429),
          Map.entry(ErrorCode.STORED_VALUE_UNREADABLE, 500),
          Map.entry(ErrorCode.GARMIN_PROTOCOL_ERROR, 502),
          Map.entry(ErrorCode.GARMIN_UNAVAILABLE, 503),
          Map.entry(ErrorCode.STORAGE_UNAVAILABLE, 503));

  private static ApiHarness api;

  @BeforeAll
  static void start() {
    api = new ApiHarness(1000);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static GarminAuthException failureWith(ErrorCode code) {
    return switch (code) {
      case VALIDATION_FAILED -> new ValidationException("email", "must be an email address");
      case INVALID_CREDENTIALS, ACCOUNT_LOCKED -> new SignInRejectedException(code, "refused");
      case INVALID_MFA_CODE -> ChallengeException.invalidCode(2);
      case CHALLENGE_EXPIRED, CHALLENGE_NOT_FOUND, CHALLENGE_IN_PROGRESS ->
          new ChallengeException(code, "challenge problem");
      case RATE_LIMITED ->
          GarminUnavailableException.rateLimited("Garmin asked to wait", Duration.ofMillis(30_500));
      case GARMIN_UNAVAILABLE -> GarminUnavailableException.unavailable("Garmin timed out", null);
      case GARMIN_PROTOCOL_ERROR -> new GarminProtocolException("unexpected page");
      case REAUTH_REQUIRED -> new ReauthRequiredException("invalid_grant", "sign in again");
      case NOT_CONNECTED -> new NotConnectedException(UserId.of("user-42"));
      case CONCURRENT_UPDATE, STORAGE_UNAVAILABLE, STORED_VALUE_UNREADABLE ->
          new StorageException(code, "storage problem", new RuntimeException("jdbc:secret"));
    };
  }

  private static java.net.http.HttpResponse<String> tokenRequestFailingWith(
      GarminAuthException failure) throws Exception {
    api.stub.token =
        u -> {
          throw failure;
        };
    return api.postJson("/v1/connections/user-42/token", ApiHarness.ADMIN_KEY, null);
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void everyCoreErrorCodeHasItsDocumentedStatus(ErrorCode code) throws Exception {
    GarminAuthException failure = failureWith(code);
    var r = tokenRequestFailingWith(failure);

    assertThat(DOCUMENTED).containsKey(code);
    assertThat(r.statusCode()).isEqualTo(DOCUMENTED.get(code));
    assertThat(ProblemMapper.statusOf(code)).isEqualTo(DOCUMENTED.get(code));
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("code").asText()).isEqualTo(code.wireName());
    assertThat(body.get("status").asInt()).isEqualTo(r.statusCode());
    if (code == ErrorCode.STORED_VALUE_UNREADABLE) {
      // the message names tables, columns and keys: callers get the code and the user only
      assertThat(body.get("detail").asText()).contains("user-42").doesNotContain("storage problem");
    } else {
      assertThat(body.get("detail").asText()).isEqualTo(failure.getMessage());
    }
    assertThat(body.get("retryable").asBoolean()).isEqualTo(code.retryable());
    assertThat(r.body()).doesNotContain("jdbc:secret").doesNotContain("Exception");
  }

  @ParameterizedTest
  @EnumSource(
      value = ErrorCode.class,
      names = {"RATE_LIMITED", "INVALID_MFA_CODE", "VALIDATION_FAILED"})
  void problemsCarryTheirExtraMembers(ErrorCode code) throws Exception {
    GarminAuthException failure = failureWith(code);
    var r = tokenRequestFailingWith(failure);
    JsonNode body = JSON.readTree(r.body());

    switch (code) {
      case RATE_LIMITED -> {
        assertThat(r.headers().firstValue("Retry-After")).hasValue("31");
        assertThat(body.get("retryAfterSeconds").asLong()).isEqualTo(31);
      }
      case INVALID_MFA_CODE -> assertThat(body.get("attemptsLeft").asInt()).isEqualTo(2);
      default -> assertThat(body.get("field").asText()).isEqualTo("email");
    }
  }
}
