package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.in.CompleteMfaCommand;
import com.fittrack.garminauth.core.application.port.in.ConnectGarminAccount;
import com.fittrack.garminauth.core.application.port.in.ConnectionSummary;
import com.fittrack.garminauth.core.application.port.in.LoginCommand;
import com.fittrack.garminauth.core.application.port.in.LoginResult;
import com.fittrack.garminauth.core.application.port.out.ChallengeRepository;
import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
import com.fittrack.garminauth.core.application.port.out.LoginAttemptStore;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.AuthEvent;
import com.fittrack.garminauth.core.domain.ChallengeException;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.MfaChallenge;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Sign-in with password, then MFA when Garmin asks; the resulting session is stored. */
public final class ConnectService implements ConnectGarminAccount {
  private final GarminAuthenticator authenticator;
  private final ChallengeRepository challenges;
  private final LoginAttemptStore loginAttempts;
  private final ConnectionWriter writer;
  private final Events events;
  private final AuthPolicy policy;
  private final Clock clock;
  private final LoginKeys loginKeys;
  private final CooldownGate gate;
  private final String cooldownKey;

  ConnectService(
      GarminAuthenticator authenticator,
      ChallengeRepository challenges,
      LoginAttemptStore loginAttempts,
      ConnectionWriter writer,
      Events events,
      AuthPolicy policy,
      Clock clock,
      LoginKeys loginKeys,
      CooldownGate gate,
      String cooldownKey) {
    this.loginKeys = loginKeys;
    this.gate = gate;
    this.cooldownKey = cooldownKey;
    this.authenticator = authenticator;
    this.challenges = challenges;
    this.loginAttempts = loginAttempts;
    this.writer = writer;
    this.events = events;
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public LoginResult login(LoginCommand command) {
    // Refused during a cooldown before anything is counted: such an attempt never reaches Garmin.
    gate.refuseWhileCooling(cooldownKey, "sign-ins");
    throttle(
        loginKeys.user(command.userId().value()), policy.loginAttemptsPerWindow(), "this user");
    throttle(
        loginKeys.email(command.email()), policy.loginAttemptsPerEmail(), "this Garmin account");
    // While Garmin pushes back, nobody's credentials are posted (invariant 6): refused here.
    CooldownGate.Pass pass = gate.enter(cooldownKey, "sign-ins");
    SignInOutcome outcome;
    try {
      outcome = authenticator.signIn(command.email(), command.password());
    } catch (GarminAuthException e) {
      gate.failed(pass, e);
      throw e;
    }
    gate.answered(pass);
    // Java 17: no pattern switch; SignInOutcome is sealed to exactly these two.
    if (outcome instanceof SignInOutcome.MfaRequired mfa) {
      return openChallenge(command.userId(), mfa);
    }
    return new LoginResult.Connected(store(command.userId(), (SignInOutcome.SignedIn) outcome));
  }

  @Override
  public ConnectionSummary completeMfa(CompleteMfaCommand command) {
    Instant now = clock.instant();
    MfaChallenge known =
        challenges
            .find(command.challengeId())
            .filter(c -> c.userId().equals(command.userId()))
            .orElseThrow(ConnectService::notFound);
    MfaChallenge challenge =
        challenges
            .beginAttempt(command.challengeId(), now, now.plus(policy.mfaAttemptLock()))
            .orElseThrow(() -> whyNoAttempt(command, known, now));
    CooldownGate.Pass pass;
    try {
      pass = gate.enter(cooldownKey, "sign-ins");
    } catch (GarminAuthException e) {
      // Not sent to Garmin: the code was not judged, so the attempt is given back.
      challenges.endAttempt(challenge.id(), false);
      throw e;
    }
    SignInOutcome.SignedIn signedIn;
    try {
      signedIn =
          authenticator.completeMfa(challenge.method(), challenge.resumeState(), command.code());
      gate.answered(pass);
    } catch (ChallengeException e) {
      gate.failed(pass, e);
      if (e.code() != ErrorCode.INVALID_MFA_CODE) {
        challenges.endAttempt(challenge.id(), false);
        throw e;
      }
      if (challenge.attemptsLeft() == 0) {
        challenges.delete(challenge.id());
      } else {
        challenges.endAttempt(challenge.id(), true);
      }
      throw ChallengeException.invalidCode(challenge.attemptsLeft());
    } catch (GarminAuthException e) {
      // Garmin could not be asked, or answered oddly: the code was not judged, so give it back.
      gate.failed(pass, e);
      challenges.endAttempt(challenge.id(), false);
      throw e;
    }
    // Single use: whoever deletes the challenge owns the result.
    if (!challenges.delete(challenge.id())) {
      throw notFound();
    }
    return store(command.userId(), signedIn);
  }

  private LoginResult openChallenge(UserId userId, SignInOutcome.MfaRequired mfa) {
    Instant now = clock.instant();
    MfaChallenge challenge =
        MfaChallenge.open(
            userId,
            mfa.method(),
            mfa.resumeState(),
            policy.maxMfaAttempts(),
            now,
            now.plus(policy.challengeTtl()));
    challenges.save(challenge);
    return new LoginResult.MfaRequired(challenge.id(), challenge.method(), challenge.expiresAt());
  }

  private ConnectionSummary store(UserId userId, SignInOutcome.SignedIn signedIn) {
    GarminConnection stored =
        writer.storeNewSession(userId, signedIn.credentials(), signedIn.identity());
    events.publish(new AuthEvent.Connected(userId, clock.instant(), stored.credentials().type()));
    return ConnectionSummary.of(stored);
  }

  /**
   * Too many sign-ins for one user id, or for one Garmin email under any number of user ids, are
   * refused before Garmin sees them (lockout protection).
   */
  private void throttle(String key, int limit, String whose) {
    Instant now = clock.instant();
    long windowMillis = policy.loginAttemptWindow().toMillis();
    Instant windowStart =
        Instant.ofEpochMilli(now.toEpochMilli() - now.toEpochMilli() % windowMillis);
    long count = loginAttempts.recordAttempt(key, windowStart);
    if (count > limit) {
      Duration retryAfter = Duration.between(now, windowStart.plusMillis(windowMillis));
      throw GarminUnavailableException.rateLimited(
          "too many sign-in attempts for " + whose + "; try again later", retryAfter);
    }
  }

  /**
   * Why the claim failed, judged on the challenge as it is now: what we read before the claim may
   * predate another request's claim, and "no such challenge" would send the user to sign in again
   * while the challenge is only being judged.
   */
  private ChallengeException whyNoAttempt(
      CompleteMfaCommand command, MfaChallenge known, Instant now) {
    Optional<MfaChallenge> current =
        challenges.find(command.challengeId()).filter(c -> c.userId().equals(known.userId()));
    if (current.isEmpty()) {
      return notFound();
    }
    ChallengeException why = whyNoAttempt(current.get(), now);
    if (why.code() == ErrorCode.CHALLENGE_NOT_FOUND) {
      // still there, claimable again: another request's attempt ended between our two reads
      return new ChallengeException(
          ErrorCode.CHALLENGE_IN_PROGRESS,
          "another request was verifying a code for this challenge; try again");
    }
    return why;
  }

  private static ChallengeException whyNoAttempt(MfaChallenge challenge, Instant now) {
    if (challenge.isExpired(now)) {
      return new ChallengeException(ErrorCode.CHALLENGE_EXPIRED, "the MFA challenge has expired");
    }
    if (challenge.attemptsExhausted()) {
      return new ChallengeException(
          ErrorCode.CHALLENGE_EXPIRED, "no MFA attempts left; sign in again");
    }
    if (challenge.attemptInProgress(now)) {
      return new ChallengeException(
          ErrorCode.CHALLENGE_IN_PROGRESS,
          "another request is verifying a code for this challenge");
    }
    // Changed between our read and the claim: it was used up or removed meanwhile.
    return notFound();
  }

  private static ChallengeException notFound() {
    return new ChallengeException(ErrorCode.CHALLENGE_NOT_FOUND, "no such MFA challenge");
  }
}
