package com.fittrack.garminauth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.ChallengeException;
import com.fittrack.garminauth.core.domain.CredentialType;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.testkit.fakegarmin.FakeEndpoint;
import com.fittrack.garminauth.testkit.fakegarmin.FakeStrategy;
import com.fittrack.garminauth.testkit.fakegarmin.Fault;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults on the way through sign-in and MFA: a broken first flow falls through to the next, a
 * failed MFA call leaves the challenge usable, a forgotten one is expired, and a failing DI
 * exchange falls back to OAuth1. Included by {@link GarminAuthenticatorContract}.
 */
@Tag("integration")
public abstract class GarminSignInFaultContract extends GarminRefreshContract {

  static Stream<Fault> loginFaults() {
    return Stream.of(
        Fault.status(502),
        Fault.rateLimited(Duration.ofSeconds(5)),
        Fault.timeout(),
        Fault.truncatedBody(),
        Fault.htmlBody(),
        Fault.disconnect());
  }

  @ParameterizedTest
  @MethodSource("loginFaults")
  void aFaultOnTheFirstFlowsLoginFallsThroughToTheNextFlow(Fault fault) {
    garmin.fake().failNext(FakeEndpoint.LOGIN, fault, 1);

    SignInOutcome.SignedIn result = signInPlain();

    assertThat(result.credentials().type()).isEqualTo(CredentialType.DI_OAUTH2);
    assertThat(garmin.fake().counters().signIns()).isEqualTo(1);
  }

  @Test
  void aFaultOnEveryLoginSaysWhatEachFlowSaw() {
    garmin.fake().failAlways(FakeEndpoint.LOGIN, Fault.status(503));

    GarminUnavailableException e =
        catchThrowableOfType(
            GarminUnavailableException.class,
            () -> authenticator().signIn(PLAIN, Secret.of(PASSWORD)));

    assertThat(e.code()).isEqualTo(ErrorCode.GARMIN_UNAVAILABLE);
    assertThat(e.getMessage()).contains("mobile", "widget", "portal", "503");
  }

  @ParameterizedTest
  @EnumSource(FakeStrategy.class)
  void aFailedMfaCallIsRetryableAndLeavesTheChallengeUsable(FakeStrategy strategy) {
    onlyAllow(strategy);
    SignInOutcome.MfaRequired mfa = startMfa(EMAIL_MFA);
    garmin.fake().failNext(FakeEndpoint.MFA_VERIFY, Fault.status(503), 1);

    GarminAuthException e =
        catchThrowableOfType(
            GarminAuthException.class,
            () -> authenticator().completeMfa(mfa.method(), mfa.resumeState(), EMAIL_CODE));

    assertThat(e.retryable()).isTrue();
    assertThat(
            authenticator().completeMfa(mfa.method(), mfa.resumeState(), EMAIL_CODE).credentials())
        .isNotNull();
  }

  @ParameterizedTest
  @EnumSource(FakeStrategy.class)
  void aChallengeGarminForgotIsExpired(FakeStrategy strategy) {
    onlyAllow(strategy);
    SignInOutcome.MfaRequired mfa = startMfa(EMAIL_MFA);
    garmin.fake().reset();

    ChallengeException e = mfaFails(mfa, EMAIL_CODE);

    assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_EXPIRED);
  }

  @Test
  void aChallengeIsSingleUse() {
    SignInOutcome.MfaRequired mfa = startMfa(EMAIL_MFA);
    authenticator().completeMfa(mfa.method(), mfa.resumeState(), EMAIL_CODE);

    ChallengeException e = mfaFails(mfa, EMAIL_CODE);

    assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_EXPIRED);
  }

  @Test
  void diServerErrorsForEveryClientIdFallBackToOAuth1() {
    garmin.fake().failNext(FakeEndpoint.DI_TOKEN, Fault.status(500), 4);

    SignInOutcome.SignedIn result = signInPlain();

    assertThat(result.credentials().type()).isEqualTo(CredentialType.LEGACY_OAUTH1);
    assertThat(garmin.fake().counters().legacyExchanges()).isEqualTo(1);
  }

  @Test
  void aFailedDiExchangeAndAFailedFallbackReportBoth() {
    garmin.fake().failNext(FakeEndpoint.DI_TOKEN, Fault.status(500), 4);
    garmin.fake().failNext(FakeEndpoint.PREAUTHORIZED, Fault.status(503), 1);

    GarminUnavailableException e =
        catchThrowableOfType(
            GarminUnavailableException.class,
            () -> authenticator().signIn(PLAIN, Secret.of(PASSWORD)));

    assertThat(e.getMessage()).contains("DI exchange", "legacy exchange");
  }
}
