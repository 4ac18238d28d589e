package com.fittrack.garminauth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.ChallengeException;
import com.fittrack.garminauth.core.domain.CredentialType;
import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.LegacyOAuthCredentials;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.OAuth1Token;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.SignInRejectedException;
import com.fittrack.garminauth.testkit.fakegarmin.Block;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.FakeStrategy;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link GarminAuthenticator} must do against Garmin, checked against FakeGarmin: sign
 * in by each flow, MFA by each method (finished by a fresh instance), credential errors, rate
 * limits, the DI exchange and its OAuth1 fallback; with the paths of {@link
 * GarminSignInFaultContract} (faults during sign-in and MFA) and {@link GarminRefreshContract}
 * (refresh, rotation, rejection, identity), which it extends. Extend it and say how to build the
 * authenticator:
 *
 * <pre>{@code
 * class GarminClientContractTest extends GarminAuthenticatorContract {
 *   protected GarminAuthenticator newAuthenticator(FakeGarmin fake, Clock clock) { ... }
 * }
 * }</pre>
 *
 * <p>The authenticator must try the mobile, widget and portal flows (mobile first), use {@link
 * FakeGarmin#CONSUMER_KEY} / {@link FakeGarmin#CONSUMER_SECRET} for the OAuth1 fallback, and time
 * out a silent call within a few seconds.
 */
@Tag("integration")
public abstract class GarminAuthenticatorContract extends GarminSignInFaultContract {

  @ParameterizedTest
  @EnumSource(FakeStrategy.class)
  void signsInByEachFlowWithDiTokensAndIdentity(FakeStrategy strategy) {
    onlyAllow(strategy);

    SignInOutcome.SignedIn result = signInPlain();

    GarminCredentials credentials = result.credentials();
    assertThat(credentials.type()).isEqualTo(CredentialType.DI_OAUTH2);
    assertThat(credentials.accessTokenExpiresAt()).isEqualTo(NOW.plus(ACCESS_LIFETIME));
    assertThat(((DiOAuth2Credentials) credentials).clientId())
        .isEqualTo("GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2");
    assertThat(result.identity())
        .hasValueSatisfying(id -> assertThat(id.displayName()).isEqualTo("plain"));
    assertThat(garmin.fake().counters().signIns()).isEqualTo(1);
    assertThat(garmin.fake().counters().diExchanges()).isEqualTo(1);
  }

  static Stream<Arguments> flowsAndMethods() {
    return Stream.of(FakeStrategy.values())
        .flatMap(
            s ->
                Stream.of(
                    Arguments.of(s, EMAIL_MFA, MfaMethod.EMAIL, EMAIL_CODE),
                    Arguments.of(s, SMS_MFA, MfaMethod.SMS, SMS_CODE)));
  }

  @ParameterizedTest
  @MethodSource("flowsAndMethods")
  void finishesMfaInAFreshInstanceFromTheSerializedState(
      FakeStrategy strategy, String email, MfaMethod method, String code) {
    onlyAllow(strategy);

    SignInOutcome started = authenticator().signIn(email, Secret.of(PASSWORD));

    assertThat(started).isInstanceOf(SignInOutcome.MfaRequired.class);
    SignInOutcome.MfaRequired mfa = (SignInOutcome.MfaRequired) started;
    assertThat(mfa.method()).isEqualTo(method);
    // Only the serialized text crosses over, as it would through the challenge table.
    Secret travelled = Secret.of(mfa.resumeState().reveal());
    SignInOutcome.SignedIn done = authenticator().completeMfa(mfa.method(), travelled, code);
    assertThat(done.credentials().accessToken().length()).isPositive();
    assertThat(garmin.fake().counters().mfaAttempts()).isEqualTo(1);
    assertThat(garmin.fake().counters().signIns()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(FakeStrategy.class)
  void wrongMfaCodeLeavesTheStateUsableForTheRightOne(FakeStrategy strategy) {
    onlyAllow(strategy);
    SignInOutcome.MfaRequired mfa = startMfa(EMAIL_MFA);

    ChallengeException wrong = mfaFails(mfa, "000000");

    assertThat(wrong.code()).isEqualTo(ErrorCode.INVALID_MFA_CODE);
    assertThat(
            authenticator().completeMfa(mfa.method(), mfa.resumeState(), EMAIL_CODE).credentials())
        .isNotNull();
    assertThat(garmin.fake().counters().mfaAttempts()).isEqualTo(2);
  }

  @Test
  void wrongPasswordStopsTheChainAtTheFirstFlow() {
    SignInRejectedException e =
        catchThrowableOfType(
            SignInRejectedException.class, () -> authenticator().signIn(PLAIN, Secret.of("wrong")));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
    assertThat(garmin.fake().counters().loginAttempts()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(FakeStrategy.class)
  void wrongPasswordIsRejectedByEachFlow(FakeStrategy strategy) {
    onlyAllow(strategy);

    SignInRejectedException e =
        catchThrowableOfType(
            SignInRejectedException.class, () -> authenticator().signIn(PLAIN, Secret.of("nope")));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
  }

  @ParameterizedTest
  @EnumSource(FakeStrategy.class)
  void lockedAccountIsRejectedByEachFlow(FakeStrategy strategy) {
    onlyAllow(strategy);

    SignInRejectedException e =
        catchThrowableOfType(
            SignInRejectedException.class,
            () -> authenticator().signIn(LOCKED, Secret.of(PASSWORD)));

    assertThat(e.code()).isEqualTo(ErrorCode.ACCOUNT_LOCKED);
    assertThat(garmin.fake().counters().loginAttempts()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Block.class)
  void allFlowsBlockedIsARateLimitNamingEachFlow(Block block) {
    garmin.fake().blockAll(block);

    GarminUnavailableException e =
        catchThrowableOfType(
            GarminUnavailableException.class,
            () -> authenticator().signIn(PLAIN, Secret.of(PASSWORD)));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("mobile", "widget", "portal");
    assertThat(garmin.fake().counters().loginAttempts()).isZero();
  }

  @Test
  void rateLimitCarriesTheRetryAfterGarminAsked() {
    garmin.fake().blockAll(Block.RATE_LIMITED);

    GarminUnavailableException e =
        catchThrowableOfType(
            GarminUnavailableException.class,
            () -> authenticator().signIn(PLAIN, Secret.of(PASSWORD)));

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
  }

  @Test
  void blockedFirstFlowFallsThroughToTheNext() {
    garmin.fake().block(FakeStrategy.MOBILE, Block.CLOUDFLARE);

    signInPlain();

    assertThat(garmin.fake().counters().signIns()).isEqualTo(1);
  }

  @Test
  void diExchangeWalksTheClientIdsInOrder() {
    garmin.fake().acceptDiClientIds(List.of("GARMIN_CONNECT_MOBILE_IOS_DI"));

    SignInOutcome.SignedIn result = signInPlain();

    assertThat(((DiOAuth2Credentials) result.credentials()).clientId())
        .isEqualTo("GARMIN_CONNECT_MOBILE_IOS_DI");
  }

  @Test
  void diExchangeRefusedFallsBackToOAuth1() {
    garmin.fake().acceptDiClientIds(List.of());

    SignInOutcome.SignedIn result = signInPlain();

    assertThat(result.credentials().type()).isEqualTo(CredentialType.LEGACY_OAUTH1);
    assertThat(result.credentials().accessTokenExpiresAt()).isEqualTo(NOW.plus(ACCESS_LIFETIME));
    assertThat(result.identity()).isPresent();
    assertThat(garmin.fake().counters().legacyExchanges()).isEqualTo(1);
  }

  @Test
  void mfaSignInFallsBackToOAuth1WithAnMfaToken() {
    garmin.fake().acceptDiClientIds(List.of());
    SignInOutcome.MfaRequired mfa = startMfa(EMAIL_MFA);

    SignInOutcome.SignedIn done =
        authenticator().completeMfa(mfa.method(), mfa.resumeState(), EMAIL_CODE);

    assertThat(done.credentials().type()).isEqualTo(CredentialType.LEGACY_OAUTH1);
    OAuth1Token oauth1 = ((LegacyOAuthCredentials) done.credentials()).oauth1();
    assertThat(oauth1.mfaToken()).isPresent();
    assertThat(oauth1.mfaExpiresAt()).hasValueSatisfying(at -> assertThat(at).isAfter(NOW));
  }
}
