package com.fittrack.garminauth.core.application;

import static com.fittrack.garminauth.core.support.CoreHarness.START;
import static com.fittrack.garminauth.core.support.TestCredentials.di;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.port.in.AccessToken;
import com.fittrack.garminauth.core.application.port.out.LeaseRequest;
import com.fittrack.garminauth.core.application.port.out.RefreshLease;
import com.fittrack.garminauth.core.domain.AuthEvent;
import com.fittrack.garminauth.core.domain.ConnectionFailure;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.ReauthRequiredException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.support.CoreHarness;
import com.fittrack.garminauth.core.support.InMemoryConnections;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SessionServiceTest {
  private static final UserId USER = UserId.of("user-1");
  private static final Instant IN_2_MIN = START.plus(Duration.ofMinutes(2));
  private static final Instant IN_1_HOUR = START.plus(Duration.ofHours(1));

  private final CoreHarness h = new CoreHarness();
  private final SessionService sessions = h.useCases().sessions();

  @Test
  void aValidTokenIsServedWithoutAskingGarmin() {
    h.connected(USER, di("a1", "r1", IN_1_HOUR));

    AccessToken token = sessions.accessToken(USER);

    assertThat(token.token().reveal()).isEqualTo("a1");
    assertThat(token.expiresAt()).isEqualTo(IN_1_HOUR);
    assertThat(h.garmin.refreshCalls()).isZero();
  }

  @Test
  void aDueTokenIsRefreshedOnceAndStoredBeforeItIsReturned() {
    h.connected(USER, di("a1", "r1", IN_2_MIN));
    h.garmin.refreshAnswers(di("a2", "r2", IN_1_HOUR));

    assertThat(sessions.accessToken(USER).token().reveal()).isEqualTo("a2");
    assertThat(sessions.accessToken(USER).token().reveal()).isEqualTo("a2");

    assertThat(h.garmin.refreshCalls()).isEqualTo(1);
    assertThat(h.garmin.refreshedFrom().get(0).accessToken().reveal()).isEqualTo("a1");
    GarminConnection stored = h.stored(USER);
    assertThat(stored.credentials().accessToken().reveal()).isEqualTo("a2");
    assertThat(stored.lastRefreshedAt()).contains(START);
    assertThat(stored.version()).isEqualTo(2);
    assertThat(h.connections.leaseHolder(USER)).as("lease released").isEmpty();
    assertThat(h.events.of(AuthEvent.Refreshed.class)).hasSize(1);
  }

  @Test
  void anUnknownUserIsNotConnected() {
    assertFails(() -> sessions.accessToken(USER), ErrorCode.NOT_CONNECTED);
  }

  @Test
  void definiteRejectionRequiresReauthWithTheReasonAndAnEvent() {
    h.connected(USER, di("a1", "r1", IN_2_MIN));
    h.garmin.refreshFails(new ReauthRequiredException("invalid_grant", "revoked"));

    assertReauth(() -> sessions.accessToken(USER), "invalid_grant");

    GarminConnection stored = h.stored(USER);
    assertThat(stored.status()).isEqualTo(ConnectionStatus.REAUTH_REQUIRED);
    assertThat(stored.lastFailure()).contains(new ConnectionFailure("invalid_grant", START));
    assertThat(h.events.of(AuthEvent.ReauthRequired.class))
        .containsExactly(new AuthEvent.ReauthRequired(USER, START, "invalid_grant"));
    // From now on callers are told without Garmin being asked again.
    assertReauth(() -> sessions.accessToken(USER), "invalid_grant");
    assertThat(h.garmin.refreshCalls()).isEqualTo(1);
  }

  @Test
  void rejectionAfterTakingOverADeadHoldersLeaseMeansTheRefreshTokenWasReused() {
    h.connected(USER, di("a1", "r1", IN_2_MIN));
    // A worker claimed the lease, may have spent r1 at Garmin, and died before writing.
    h.connections.tryAcquireRefreshLease(
        USER, new LeaseRequest("dead-worker", START, START.plusSeconds(30)));
    h.garmin.refreshFails(new ReauthRequiredException("invalid_grant", "family revoked"));

    assertReauth(() -> sessions.accessToken(USER), SessionService.REFRESH_TOKEN_REUSED);

    GarminConnection stored = h.stored(USER);
    assertThat(stored.status()).isEqualTo(ConnectionStatus.REAUTH_REQUIRED);
    assertThat(stored.lastFailure().orElseThrow().code()).isEqualTo("refresh_token_reused");
    assertThat(stored.lastFailure().orElseThrow().at()).isAfterOrEqualTo(START.plusSeconds(30));
    assertThat(h.events.of(AuthEvent.ReauthRequired.class))
        .extracting(AuthEvent.ReauthRequired::reason)
        .containsExactly("refresh_token_reused");
    assertThat(h.garmin.refreshCalls()).as("no retry storm").isEqualTo(1);
  }

  @Test
  void aTransientFailureKeepsTheSessionAndServesTheStillValidToken() {
    h.connected(USER, di("a1", "r1", IN_2_MIN));
    h.garmin.refreshFails(GarminUnavailableException.unavailable("timeout", null));

    assertThat(sessions.accessToken(USER).token().reveal()).isEqualTo("a1");

    GarminConnection stored = h.stored(USER);
    assertThat(stored.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(stored.lastFailure()).contains(new ConnectionFailure("garmin_unavailable", START));
    assertThat(h.events.of(AuthEvent.RefreshFailed.class))
        .containsExactly(new AuthEvent.RefreshFailed(USER, START, ErrorCode.GARMIN_UNAVAILABLE));
    // Right after a failure Garmin is left alone while the token still works...
    h.clock.advance(Duration.ofSeconds(10));
    assertThat(sessions.accessToken(USER).token().reveal()).isEqualTo("a1");
    assertThat(h.garmin.refreshCalls()).isEqualTo(1);
    // ...and asked again once the pause (one lease length) is over.
    h.clock.advance(Duration.ofSeconds(25));
    h.garmin.refreshAnswers(di("a2", "r2", IN_1_HOUR));
    assertThat(sessions.accessToken(USER).token().reveal()).isEqualTo("a2");
    assertThat(h.stored(USER).lastFailure()).isEmpty();
  }

  @Test
  void aTransientFailureWithAnExpiredTokenIsReportedAndKeepsTheSession() {
    h.connected(USER, di("a1", "r1", START.minusSeconds(1)));
    h.garmin.refreshFails(GarminUnavailableException.rateLimited("429", Duration.ofSeconds(60)));

    assertThatThrownBy(() -> sessions.accessToken(USER))
        .isInstanceOfSatisfying(
            GarminUnavailableException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
            });
    assertThat(h.stored(USER).status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(h.stored(USER).lastFailure().orElseThrow().code()).isEqualTo("rate_limited");
    assertThat(h.connections.leaseHolder(USER)).isEmpty();
  }

  @Test
  void aFailureThatCannotEvenBeRecordedStillFreesTheLease() {
    SessionService noRetries =
        h.useCases(AuthPolicy.defaults().toBuilder().storeRetries(0).build()).sessions();
    h.connected(USER, di("a1", "r1", IN_2_MIN));
    h.garmin.refreshFails(GarminUnavailableException.unavailable("timeout", null));
    h.connections.failNextWrites(1);

    assertThat(noRetries.accessToken(USER).token().reveal()).isEqualTo("a1");
    assertThat(h.connections.leaseHolder(USER)).isEmpty();
    assertThat(h.stored(USER).lastFailure()).isEmpty();
  }

  @Test
  void refreshAfterRejectionRefreshesWhileTheStoredTokenIsTheRejectedOne() {
    h.connected(USER, di("a1", "r1", IN_1_HOUR));
    h.garmin.refreshAnswers(di("a2", "r2", IN_1_HOUR.plusSeconds(60)));

    assertThat(sessions.refreshAfterRejection(USER, "a1").token().reveal()).isEqualTo("a2");
    assertThat(h.garmin.refreshCalls()).isEqualTo(1);
  }

  @Test
  void refreshAfterRejectionSkipsGarminWhenSomeoneRefreshedSince() {
    h.connected(USER, di("a2", "r2", IN_1_HOUR));

    assertThat(sessions.refreshAfterRejection(USER, "a1").token().reveal()).isEqualTo("a2");
    assertThat(h.garmin.refreshCalls()).isZero();
  }

  @Test
  void refreshAfterRejectionNeverHandsTheRejectedTokenBack() {
    h.connected(USER, di("a1", "r1", IN_1_HOUR));
    h.garmin.refreshFails(GarminUnavailableException.unavailable("503", null));

    assertFails(() -> sessions.refreshAfterRejection(USER, "a1"), ErrorCode.GARMIN_UNAVAILABLE);
    assertThat(h.stored(USER).isConnected()).isTrue();
  }

  @Test
  void aFailedWriteOfANewTokenIsRetriedUntilItSucceeds() {
    h.connected(USER, di("a1", "r1", IN_2_MIN));
    h.garmin.refreshAnswers(di("a2", "r2", IN_1_HOUR));
    h.connections.failNextWrites(2);

    assertThat(sessions.accessToken(USER).token().reveal()).isEqualTo("a2");

    assertThat(h.stored(USER).credentials().accessToken().reveal()).isEqualTo("a2");
    assertThat(h.garmin.refreshCalls()).as("Garmin is not asked twice").isEqualTo(1);
    assertThat(h.sleeper.sleeps()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void aWriteThatKeepsFailingIsReportedAsStorageUnavailable() {
    SessionService twoRetries =
        h.useCases(AuthPolicy.defaults().toBuilder().storeRetries(2).build()).sessions();
    h.connected(USER, di("a1", "r1", IN_2_MIN));
    h.garmin.refreshAnswers(di("a2", "r2", IN_1_HOUR));
    h.connections.failNextWrites(3);

    assertFails(() -> twoRetries.accessToken(USER), ErrorCode.STORAGE_UNAVAILABLE);
    assertThat(h.stored(USER).credentials().accessToken().reveal()).isEqualTo("a1");
  }

  @Test
  void aLostLeaseRereadsAndServesTheWinnersToken() {
    h.connected(USER, di("a1", "r1", IN_2_MIN));
    h.garmin.refreshDoes(
        current -> {
          // Garmin was slow: our lease ran out and another worker refreshed meanwhile.
          h.clock.advance(Duration.ofSeconds(31));
          Instant now = h.clock.instant();
          RefreshLease theirs =
              h.connections
                  .tryAcquireRefreshLease(USER, new LeaseRequest("other", now, now.plusSeconds(30)))
                  .orElseThrow();
          h.connections.completeRefresh(
              theirs, theirs.connection().refreshed(di("b2", "s2", IN_1_HOUR), now));
          return di("a2", "r2", IN_1_HOUR);
        });

    assertThat(sessions.accessToken(USER).token().reveal()).isEqualTo("b2");
    assertThat(h.stored(USER).credentials().accessToken().reveal()).isEqualTo("b2");
    assertThat(h.stored(USER).version()).isEqualTo(2);
  }

  @Test
  void aLoserWaitsForTheWinnersResultInsteadOfCallingGarmin() {
    h.connected(USER, di("a1", "r1", IN_2_MIN));
    RefreshLease winner =
        h.connections
            .tryAcquireRefreshLease(USER, new LeaseRequest("winner", START, START.plusSeconds(30)))
            .orElseThrow();
    InMemoryConnections repo = h.connections;
    SessionService loser =
        h.useCases(
                AuthPolicy.defaults(),
                d -> {
                  // The winner finishes while the loser waits.
                  h.clock.advance(d);
                  if (repo.leaseHolder(USER).isPresent()) {
                    repo.completeRefresh(
                        winner,
                        winner
                            .connection()
                            .refreshed(di("a2", "r2", IN_1_HOUR), h.clock.instant()));
                  }
                })
            .sessions();

    assertThat(loser.accessToken(USER).token().reveal()).isEqualTo("a2");
    assertThat(h.garmin.refreshCalls()).isZero();
    assertThat(h.events.of(AuthEvent.LeaseWaited.class))
        .containsExactly(
            new AuthEvent.LeaseWaited(USER, START.plusMillis(50), Duration.ofMillis(50)));
  }

  @Test
  void givesUpWaitingAfterTheLeaseWaitWithTheStillValidToken() {
    SessionService impatient =
        h.useCases(AuthPolicy.defaults().toBuilder().leaseWait(Duration.ofSeconds(1)).build())
            .sessions();
    h.connected(USER, di("a1", "r1", IN_2_MIN));
    h.connections.tryAcquireRefreshLease(
        USER, new LeaseRequest("slow-worker", START, START.plusSeconds(30)));

    assertThat(impatient.accessToken(USER).token().reveal()).isEqualTo("a1");
    assertThat(h.clock.instant()).isEqualTo(START.plusSeconds(1));
    assertThat(h.garmin.refreshCalls()).isZero();
  }

  @Test
  void givesUpWaitingWithAnErrorWhenTheTokenHasExpired() {
    SessionService impatient =
        h.useCases(AuthPolicy.defaults().toBuilder().leaseWait(Duration.ofSeconds(1)).build())
            .sessions();
    h.connected(USER, di("a1", "r1", START));
    h.connections.tryAcquireRefreshLease(
        USER, new LeaseRequest("slow-worker", START, START.plusSeconds(30)));

    assertFails(() -> impatient.accessToken(USER), ErrorCode.GARMIN_UNAVAILABLE);
    assertThat(h.garmin.refreshCalls()).isZero();
  }

  @Test
  void anInterruptedWaitIsReportedAndKeepsTheInterrupt() {
    SessionService interrupted =
        h.useCases(
                AuthPolicy.defaults(),
                d -> {
                  throw new InterruptedException();
                })
            .sessions();
    h.connected(USER, di("a1", "r1", IN_2_MIN));
    h.connections.tryAcquireRefreshLease(
        USER, new LeaseRequest("slow-worker", START, START.plusSeconds(30)));

    try {
      assertFails(() -> interrupted.accessToken(USER), ErrorCode.GARMIN_UNAVAILABLE);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aTokenRefreshedBetweenReadAndLeaseIsNotRefreshedAgain() {
    InMemoryConnections racy =
        new InMemoryConnections() {
          private boolean raced;

          @Override
          public synchronized Optional<RefreshLease> tryAcquireRefreshLease(
              UserId userId, LeaseRequest request) {
            if (!raced) {
              raced = true; // another worker completes a whole refresh just before our claim
              RefreshLease other =
                  super.tryAcquireRefreshLease(
                          userId, new LeaseRequest("other", request.now(), request.until()))
                      .orElseThrow();
              completeRefresh(
                  other, other.connection().refreshed(di("b2", "s2", IN_1_HOUR), request.now()));
            }
            return super.tryAcquireRefreshLease(userId, request);
          }
        };
    CoreHarness raced = new CoreHarness(racy);
    raced.connected(USER, di("a1", "r1", IN_2_MIN));

    assertThat(raced.useCases().sessions().accessToken(USER).token().reveal()).isEqualTo("b2");
    assertThat(raced.garmin.refreshCalls()).isZero();
    assertThat(racy.leaseHolder(USER)).isEmpty();
  }

  private static void assertReauth(ThrowingCallable call, String reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ReauthRequiredException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.REAUTH_REQUIRED);
              assertThat(e.reason()).isEqualTo(reason);
            });
  }

  private static void assertFails(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            GarminAuthException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
