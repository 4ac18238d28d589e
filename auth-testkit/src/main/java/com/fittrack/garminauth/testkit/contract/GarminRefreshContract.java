package com.fittrack.garminauth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fittrack.garminauth.core.domain.CredentialType;
import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.ReauthRequiredException;
import com.fittrack.garminauth.testkit.fakegarmin.FakeEndpoint;
import com.fittrack.garminauth.testkit.fakegarmin.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Refresh and identity paths every authenticator must get right: both credential families, rotation
 * and reuse detection, definite rejection versus passing failures, and an identity lookup that
 * never fails a sign-in. See {@link GarminAuthenticatorContract}, which includes these.
 */
@Tag("integration")
public abstract class GarminRefreshContract extends GarminContractBase {

  private GarminCredentials legacySession() {
    garmin.fake().acceptDiClientIds(List.of());
    GarminCredentials credentials = signInPlain().credentials();
    assertThat(credentials.type()).isEqualTo(CredentialType.LEGACY_OAUTH1);
    return credentials;
  }

  @Test
  void diRefreshIssuesNewTokensAndRotatesTheRefreshToken() {
    DiOAuth2Credentials before = (DiOAuth2Credentials) signInPlain().credentials();

    DiOAuth2Credentials after = (DiOAuth2Credentials) authenticator().refresh(before);

    assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
    assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
    assertThat(after.clientId()).isEqualTo(before.clientId());
    assertThat(after.accessTokenExpiresAt()).isEqualTo(NOW.plus(ACCESS_LIFETIME));
    assertThat(garmin.fake().counters().refreshes(PLAIN)).isEqualTo(1);
  }

  @Test
  void spentRefreshTokenIsADefiniteRejection() {
    GarminCredentials first = signInPlain().credentials();
    GarminCredentials second = authenticator().refresh(first);

    ReauthRequiredException e =
        catchThrowableOfType(ReauthRequiredException.class, () -> authenticator().refresh(first));

    assertThat(e.reason()).isEqualTo("invalid_grant");
    assertThat(garmin.fake().counters().reuseDetections()).isEqualTo(1);
    assertThat(authenticator().refresh(second).accessToken()).isNotNull();
  }

  @Test
  void strictReuseDetectionRevokesTheWholeFamily() {
    garmin.fake().strictRefreshTokenReuse(true);
    GarminCredentials first = signInPlain().credentials();
    GarminCredentials second = authenticator().refresh(first);

    catchThrowableOfType(ReauthRequiredException.class, () -> authenticator().refresh(first));
    ReauthRequiredException e =
        catchThrowableOfType(ReauthRequiredException.class, () -> authenticator().refresh(second));

    assertThat(e.code()).isEqualTo(ErrorCode.REAUTH_REQUIRED);
    assertThat(authenticator().identify(second)).isEmpty();
  }

  @Test
  void revokedDiSessionIsReauthRequired() {
    GarminCredentials credentials = signInPlain().credentials();
    garmin.fake().revokeSessions(PLAIN);

    ReauthRequiredException e =
        catchThrowableOfType(
            ReauthRequiredException.class, () -> authenticator().refresh(credentials));

    assertThat(e.reason()).isEqualTo("invalid_grant");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void legacyRefreshExchangesTheOAuth1TokenAgain() {
    GarminCredentials before = legacySession();

    GarminCredentials after = authenticator().refresh(before);

    assertThat(after.type()).isEqualTo(CredentialType.LEGACY_OAUTH1);
    assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
    assertThat(garmin.fake().counters().refreshes(PLAIN)).isEqualTo(1);
    assertThat(authenticator().refresh(before).accessToken()).isNotNull();
  }

  @Test
  void revokedLegacySessionIsReauthRequired() {
    GarminCredentials credentials = legacySession();
    garmin.fake().revokeSessions(PLAIN);

    ReauthRequiredException e =
        catchThrowableOfType(
            ReauthRequiredException.class, () -> authenticator().refresh(credentials));

    assertThat(e.reason()).isEqualTo("invalid_grant");
  }

  @Test
  void serverErrorOnRefreshIsRetryableAndSpendsNothing() {
    GarminCredentials credentials = signInPlain().credentials();
    garmin.fake().failNext(FakeEndpoint.DI_TOKEN, Fault.status(503), 1);

    GarminUnavailableException e =
        catchThrowableOfType(
            GarminUnavailableException.class, () -> authenticator().refresh(credentials));

    assertThat(e.code()).isEqualTo(ErrorCode.GARMIN_UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
    assertThat(authenticator().refresh(credentials).accessToken()).isNotNull();
  }

  @Test
  void rateLimitOnRefreshSaysWhenToComeBack() {
    GarminCredentials credentials = signInPlain().credentials();
    garmin.fake().failNext(FakeEndpoint.DI_TOKEN, Fault.rateLimited(Duration.ofSeconds(30)), 1);

    GarminUnavailableException e =
        catchThrowableOfType(
            GarminUnavailableException.class, () -> authenticator().refresh(credentials));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
  }

  @Test
  void timeoutOnRefreshIsRetryable() {
    GarminCredentials credentials = signInPlain().credentials();
    garmin.fake().failNext(FakeEndpoint.DI_TOKEN, Fault.timeout(), 1);

    GarminUnavailableException e =
        catchThrowableOfType(
            GarminUnavailableException.class, () -> authenticator().refresh(credentials));

    assertThat(e.code()).isEqualTo(ErrorCode.GARMIN_UNAVAILABLE);
    assertThat(authenticator().refresh(credentials).accessToken()).isNotNull();
  }

  @Test
  void htmlOrTruncatedRefreshAnswersAreProtocolErrors() {
    GarminCredentials credentials = signInPlain().credentials();
    garmin.fake().failNext(FakeEndpoint.DI_TOKEN, Fault.htmlBody(), 1);
    garmin.fake().failNext(FakeEndpoint.DI_TOKEN, Fault.truncatedBody(), 1);

    GarminAuthException html =
        catchThrowableOfType(
            GarminProtocolException.class, () -> authenticator().refresh(credentials));
    GarminAuthException truncated =
        catchThrowableOfType(
            GarminProtocolException.class, () -> authenticator().refresh(credentials));

    assertThat(html.getMessage()).contains("HTML");
    assertThat(truncated.getMessage()).contains("JSON");
  }

  @Test
  void identifyReadsTheSocialProfile() {
    GarminCredentials credentials = signInPlain().credentials();

    assertThat(authenticator().identify(credentials))
        .hasValueSatisfying(
            id -> {
              assertThat(id.displayName()).isEqualTo("plain");
              assertThat(id.profileId()).isPresent();
            });
  }

  @Test
  void profileFailureLeavesTheSignInIntactWithoutIdentity() {
    garmin.fake().failAlways(FakeEndpoint.SOCIAL_PROFILE, Fault.status(500));

    var result = signInPlain();

    assertThat(result.identity()).isEmpty();
    assertThat(result.credentials().accessToken()).isNotNull();
  }
}
