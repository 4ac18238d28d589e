package com.fittrack.garminauth.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.AuthPolicy;
import com.fittrack.garminauth.core.application.port.in.AccessToken;
import com.fittrack.garminauth.core.application.port.in.ConnectionSummary;
import com.fittrack.garminauth.core.domain.ConnectionFailure;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.ReauthRequiredException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.testkit.TestClock;
import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import com.fittrack.garminauth.testkit.fakegarmin.FakeAccount;
import com.fittrack.garminauth.testkit.fakegarmin.FakeEndpoint;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.Fault;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proof 3a of docs/reliability.md: Garmin failing during a refresh (5xx, a timeout before it
 * handled the request) keeps the session, reports a retryable error only when no valid token is
 * left, and the next refresh succeeds. Also pins the one timeout that does lose a session: Garmin
 * handled the refresh (spending the rotating token) and the answer never arrived.
 */
@Tag("integration")
class GarminFaultsDuringRefreshTest {
  private static final String PASSWORD = "fault-password";
  private static final Duration MARGIN = AuthPolicy.defaults().refreshMargin();
  private static final Duration LEASE = AuthPolicy.defaults().refreshLease();

  private static PostgresTestDatabase pg;
  private static FakeGarmin fake;
  private static InProcessStack stack;
  private static final TestClock clock =
      new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

  @BeforeAll
  static void start() {
    pg = PostgresTestDatabase.create();
    fake = FakeGarmin.builder().strictRefreshTokenReuse(true).clock(clock).start();
    stack = new InProcessStack(pg, fake, clock, AuthPolicy.defaults(), 4);
  }

  @AfterAll
  static void stop() throws Exception {
    InProcessStack.closeAll(stack, fake, pg);
  }

  @Test
  void a503AtRefreshKeepsTheSessionAndServesTheStillValidTokenUntilGarminRecovers() {
    UserId user = connect("fault-503");
    long reusesBefore = fake.counters().reuseDetections();
    AccessToken before = stack.auth.accessToken(user);
    clock.set(before.expiresAt().minus(MARGIN)); // due, still valid for the margin

    fake.failNext(FakeEndpoint.DI_TOKEN, Fault.status(503), 1);
    assertThat(stack.auth.accessToken(user)).isEqualTo(before);
    assertThat(status(user).status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(status(user).lastFailure().map(ConnectionFailure::code))
        .contains("garmin_unavailable");
    // Within one lease length of the failure the valid token is served without asking Garmin.
    assertThat(stack.auth.accessToken(user)).isEqualTo(before);
    assertThat(refreshes(user)).isZero();

    clock.advance(LEASE.plusSeconds(1));
    AccessToken after = stack.auth.accessToken(user);
    assertThat(after.token()).isNotEqualTo(before.token());
    assertThat(after.expiresAt()).isAfter(before.expiresAt());
    assertThat(refreshes(user)).isEqualTo(1);
    assertThat(status(user).lastFailure()).isEmpty();
    assertThat(fake.counters().reuseDetections()).isEqualTo(reusesBefore);
  }

  @Test
  void fiveHundredsAndATimeoutAfterExpiryAreRetryableErrorsAndTheNextRefreshSucceeds() {
    UserId user = connect("fault-expired");
    long reusesBefore = fake.counters().reuseDetections();
    AccessToken before = stack.auth.accessToken(user);
    clock.set(before.expiresAt().plusSeconds(1)); // nothing valid left to serve

    fake.failNext(FakeEndpoint.DI_TOKEN, Fault.status(500), 1);
    assertRetryable(user, ErrorCode.GARMIN_UNAVAILABLE);
    fake.failNext(FakeEndpoint.DI_TOKEN, Fault.status(502), 1);
    assertRetryable(user, ErrorCode.GARMIN_UNAVAILABLE);
    fake.failNext(FakeEndpoint.DI_TOKEN, Fault.timeout(), 1);
    assertRetryable(user, ErrorCode.GARMIN_UNAVAILABLE);
    assertThat(status(user).status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(refreshes(user)).isZero();

    AccessToken after = stack.auth.accessToken(user);
    assertThat(after.expiresAt()).isAfter(clock.instant().plus(MARGIN));
    assertThat(refreshes(user)).isEqualTo(1);
    assertThat(status(user).status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(fake.counters().reuseDetections()).isEqualTo(reusesBefore);
  }

  /**
   * The known limit (docs/reliability.md): Garmin rotated the refresh token but its answer was
   * lost. The stored refresh token is now spent; presenting it again is a reuse, and in strict mode
   * Garmin revokes the session. The core must then say so clearly, once, instead of retrying.
   */
  @Test
  void aTimeoutAfterGarminSpentTheRefreshTokenEndsInReauthRequiredWithoutARetryStorm() {
    UserId user = connect("fault-lost-answer");
    AccessToken before = stack.auth.accessToken(user);
    clock.set(before.expiresAt().plusSeconds(1));
    long reusesBefore = fake.counters().reuseDetections();

    fake.failNext(FakeEndpoint.DI_TOKEN, Fault.timeoutAfterProcessing(), 1);
    assertRetryable(user, ErrorCode.GARMIN_UNAVAILABLE);
    assertThat(status(user).status()).isEqualTo(ConnectionStatus.CONNECTED);

    assertThatThrownBy(() -> stack.auth.accessToken(user))
        .isInstanceOfSatisfying(
            ReauthRequiredException.class, e -> assertThat(e.reason()).isEqualTo("invalid_grant"));
    assertThat(status(user).status()).isEqualTo(ConnectionStatus.REAUTH_REQUIRED);
    // Later callers are told from the stored status; Garmin is not asked again.
    assertThatThrownBy(() -> stack.auth.accessToken(user))
        .isInstanceOf(ReauthRequiredException.class);
    assertThat(fake.counters().reuseDetections() - reusesBefore).isEqualTo(1);
  }

  private static UserId connect(String name) {
    String email = name + "@example.com";
    fake.addAccount(FakeAccount.plain(email, PASSWORD));
    stack.connect(name, email, PASSWORD);
    return UserId.of(name);
  }

  private static void assertRetryable(UserId user, ErrorCode code) {
    assertThatThrownBy(() -> stack.auth.accessToken(user))
        .isInstanceOfSatisfying(
            GarminAuthException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.retryable()).isTrue();
            });
  }

  private static ConnectionSummary status(UserId user) {
    return stack.auth.status(user).orElseThrow();
  }

  private static long refreshes(UserId user) {
    return fake.counters().refreshes(user.value() + "@example.com");
  }
}
