package com.fittrack.garminauth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.ChallengeException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.testkit.fakegarmin.Block;
import com.fittrack.garminauth.testkit.fakegarmin.FakeAccount;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarminExtension;
import com.fittrack.garminauth.testkit.fakegarmin.FakeStrategy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The FakeGarmin, accounts, clock and helpers the authenticator contracts share. The fake's clock
 * and the authenticator's are the same fixed instant, so expiries are exact.
 */
@Tag("integration")
public abstract class GarminContractBase {
  protected static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  protected static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  protected static final String PASSWORD = "correct-horse-battery-staple";
  protected static final String PLAIN = "plain@example.com";
  protected static final String EMAIL_MFA = "email-mfa@example.com";
  protected static final String SMS_MFA = "sms-mfa@example.com";
  protected static final String LOCKED = "locked@example.com";
  protected static final String EMAIL_CODE = "246810";
  protected static final String SMS_CODE = "135791";
  protected static final Duration ACCESS_LIFETIME = Duration.ofSeconds(3600);

  @RegisterExtension
  protected static final FakeGarminExtension garmin =
      new FakeGarminExtension(
          () ->
              FakeGarmin.builder()
                  .clock(CLOCK)
                  .accessTokenLifetime(ACCESS_LIFETIME)
                  .account(FakeAccount.plain(PLAIN, PASSWORD))
                  .account(FakeAccount.withMfa(EMAIL_MFA, PASSWORD, "email", EMAIL_CODE))
                  .account(FakeAccount.withMfa(SMS_MFA, PASSWORD, "sms", SMS_CODE))
                  .account(FakeAccount.locked(LOCKED, PASSWORD)));

  /** A new authenticator instance for {@code fake}, with {@code clock}. */
  protected abstract GarminAuthenticator newAuthenticator(FakeGarmin fake, Clock clock);

  protected GarminAuthenticator authenticator() {
    return newAuthenticator(garmin.fake(), CLOCK);
  }

  /** Leaves only {@code strategy} unblocked. */
  protected static void onlyAllow(FakeStrategy strategy) {
    for (FakeStrategy s : FakeStrategy.values()) {
      if (s != strategy) {
        garmin.fake().block(s, Block.RATE_LIMITED);
      }
    }
  }

  protected static SignInOutcome.SignedIn signedIn(SignInOutcome outcome) {
    assertThat(outcome).isInstanceOf(SignInOutcome.SignedIn.class);
    return (SignInOutcome.SignedIn) outcome;
  }

  /** Starts a sign-in of an MFA account and returns the challenge. */
  protected SignInOutcome.MfaRequired startMfa(String email) {
    SignInOutcome outcome = authenticator().signIn(email, Secret.of(PASSWORD));
    assertThat(outcome).isInstanceOf(SignInOutcome.MfaRequired.class);
    return (SignInOutcome.MfaRequired) outcome;
  }

  /** Submits {@code code} from a fresh authenticator, expecting a challenge error. */
  protected ChallengeException mfaFails(SignInOutcome.MfaRequired mfa, String code) {
    return catchThrowableOfType(
        ChallengeException.class,
        () -> authenticator().completeMfa(mfa.method(), mfa.resumeState(), code));
  }

  protected SignInOutcome.SignedIn signInPlain() {
    return signedIn(authenticator().signIn(PLAIN, Secret.of(PASSWORD)));
  }
}
