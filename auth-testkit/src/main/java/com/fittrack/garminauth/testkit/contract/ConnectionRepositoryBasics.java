package com.fittrack.garminauth.testkit.contract;

import static com.fittrack.garminauth.testkit.contract.SampleSessions.connected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.LeaseRequest;
import com.fittrack.garminauth.core.application.port.out.RefreshLease;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The single-caller rules of {@link ConnectionRepository}: versions, compare-and-set, leases.
 * Adapters extend {@link ConnectionRepositoryContract}, which adds the sweeper and the races.
 */
public abstract class ConnectionRepositoryBasics {
  protected static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");
  private static final AtomicInteger USERS = new AtomicInteger();

  protected ConnectionRepository repository;

  /** A repository with no connections in it. */
  protected abstract ConnectionRepository newRepository();

  @BeforeEach
  void createRepository() {
    repository = newRepository();
  }

  protected static UserId newUser() {
    return UserId.of("user-" + USERS.incrementAndGet() + "@contract");
  }

  protected GarminConnection stored(UserId user, Instant accessExpiresAt) {
    return repository.insert(connected(user, T0, accessExpiresAt));
  }

  protected static LeaseRequest lease(String holder, Instant now, Duration length) {
    return new LeaseRequest(holder, now, now.plus(length));
  }

  /** Takes a 30-second lease for {@code holder} at {@code now}, which must be free. */
  protected RefreshLease leased(UserId user, String holder, Instant now) {
    return repository
        .tryAcquireRefreshLease(user, lease(holder, now, Duration.ofSeconds(30)))
        .orElseThrow(() -> new AssertionError(holder + " expected to get the lease"));
  }

  protected static void assertConcurrentUpdate(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_UPDATE));
  }

  @Test
  void findsNothingForAnUnknownUser() {
    assertThat(repository.find(newUser())).isEmpty();
  }

  @Test
  void insertStoresVersionOneAndFindReturnsEveryField() {
    UserId user = newUser();
    GarminConnection fresh = connected(user, T0, T0.plusSeconds(3600));

    GarminConnection stored = repository.insert(fresh);

    assertThat(stored).isEqualTo(fresh.withVersion(1));
    assertThat(repository.find(user)).contains(fresh.withVersion(1));
  }

  @Test
  void keepsLegacyCredentialsWithAllTheirParts() {
    UserId user = newUser();
    GarminConnection legacy =
        GarminConnection.connect(
            user, SampleSessions.legacyCredentials(T0.plusSeconds(60)), Optional.empty(), T0);

    repository.insert(legacy);

    assertThat(repository.find(user)).contains(legacy.withVersion(1));
  }

  @Test
  void keepsFailuresTimestampsAndIdentityWithoutProfileId() {
    UserId user = newUser();
    GarminConnection stored = stored(user, T0.plusSeconds(60));
    GarminConnection changed =
        stored
            .reconnected(
                SampleSessions.diCredentials(T0.plusSeconds(7200)),
                Optional.of(new GarminIdentity("Someone", Optional.empty())),
                T0.plusSeconds(5))
            .refreshed(SampleSessions.diCredentials(T0.plusSeconds(9000)), T0.plusSeconds(6))
            .requiringReauth("invalid_grant", T0.plusSeconds(7));

    repository.update(changed);

    assertThat(repository.find(user)).contains(changed.withVersion(2));
  }

  @Test
  void insertFailsWithConcurrentUpdateWhenTheUserAlreadyHasAConnection() {
    UserId user = newUser();
    GarminConnection first = stored(user, T0.plusSeconds(60));

    assertConcurrentUpdate(() -> repository.insert(connected(user, T0, T0.plusSeconds(999))));
    assertThat(repository.find(user)).contains(first);
  }

  @Test
  void insertRejectsAConnectionThatWasAlreadyStored() {
    GarminConnection stored = stored(newUser(), T0.plusSeconds(60));

    assertThatThrownBy(() -> repository.insert(stored))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void updateWithTheCurrentVersionStoresTheNextVersion() {
    UserId user = newUser();
    GarminConnection v1 = stored(user, T0.plusSeconds(60));
    GarminConnection next = v1.withTransientFailure("garmin_unavailable", T0.plusSeconds(1));

    GarminConnection v2 = repository.update(next);

    assertThat(v2.version()).isEqualTo(2);
    assertThat(repository.find(user)).contains(next.withVersion(2));
  }

  @Test
  void updateWithAStaleVersionFailsAndChangesNothing() {
    UserId user = newUser();
    GarminConnection v1 = stored(user, T0.plusSeconds(60));
    GarminConnection v2 = repository.update(v1.withTransientFailure("a", T0.plusSeconds(1)));

    assertConcurrentUpdate(() -> repository.update(v1.requiringReauth("b", T0.plusSeconds(2))));
    assertThat(repository.find(user)).contains(v2);
  }

  @Test
  void updateOfAConnectionThatIsGoneFails() {
    UserId user = newUser();
    GarminConnection v1 = stored(user, T0.plusSeconds(60));
    repository.delete(user);

    assertConcurrentUpdate(() -> repository.update(v1));
    assertThat(repository.find(user)).isEmpty();
  }

  @Test
  void deleteRemovesTheConnectionAndSaysWhetherThereWasOne() {
    UserId user = newUser();
    stored(user, T0.plusSeconds(60));

    assertThat(repository.delete(user)).isTrue();
    assertThat(repository.find(user)).isEmpty();
    assertThat(repository.delete(user)).isFalse();
  }

  @Test
  void aLiveLeaseHasOneHolderAndReturnsTheStoredConnection() {
    UserId user = newUser();
    GarminConnection v1 = stored(user, T0.plusSeconds(60));

    Optional<RefreshLease> won =
        repository.tryAcquireRefreshLease(user, lease("a", T0, Duration.ofSeconds(30)));
    Optional<RefreshLease> lost =
        repository.tryAcquireRefreshLease(
            user, lease("b", T0.plusSeconds(29), Duration.ofSeconds(30)));

    assertThat(won).isPresent();
    assertThat(won.get().holder()).isEqualTo("a");
    assertThat(won.get().until()).isEqualTo(T0.plusSeconds(30));
    assertThat(won.get().connection()).isEqualTo(v1);
    assertThat(won.get().tookOverExpiredLease()).isFalse();
    assertThat(lost).isEmpty();
  }

  @Test
  void anExpiredLeaseCanBeTakenOver() {
    UserId user = newUser();
    stored(user, T0.plusSeconds(60));
    repository.tryAcquireRefreshLease(user, lease("dead-worker", T0, Duration.ofSeconds(30)));

    Optional<RefreshLease> takeover =
        repository.tryAcquireRefreshLease(
            user, lease("next", T0.plusSeconds(30), Duration.ofSeconds(30)));

    assertThat(takeover).map(RefreshLease::holder).contains("next");
    assertThat(takeover).map(RefreshLease::tookOverExpiredLease).contains(true);
  }

  @Test
  void aLeaseGivenBackOrCompletedIsNoTakeover() {
    UserId user = newUser();
    stored(user, T0.plusSeconds(60));
    repository.releaseRefreshLease(leased(user, "a", T0));
    RefreshLease afterRelease = leased(user, "b", T0.plusSeconds(60));
    repository.completeRefresh(afterRelease, afterRelease.connection());

    RefreshLease afterComplete = leased(user, "c", T0.plusSeconds(120));

    assertThat(afterRelease.tookOverExpiredLease()).isFalse();
    assertThat(afterComplete.tookOverExpiredLease()).isFalse();
  }

  @Test
  void onlyAConnectedSessionCanBeLeased() {
    UserId reauth = newUser();
    GarminConnection v1 = stored(reauth, T0.plusSeconds(60));
    repository.update(v1.requiringReauth("invalid_grant", T0));

    assertThat(repository.tryAcquireRefreshLease(reauth, lease("a", T0, Duration.ofSeconds(30))))
        .isEmpty();
    assertThat(repository.tryAcquireRefreshLease(newUser(), lease("a", T0, Duration.ofSeconds(30))))
        .isEmpty();
  }

  @Test
  void completingARefreshStoresTheOutcomeBumpsTheVersionAndReleasesTheLease() {
    UserId user = newUser();
    stored(user, T0.plusSeconds(60));
    RefreshLease lease = leased(user, "a", T0);
    GarminConnection outcome =
        lease.connection().refreshed(SampleSessions.diCredentials(T0.plusSeconds(3600)), T0);

    GarminConnection v2 = repository.completeRefresh(lease, outcome);

    assertThat(v2).isEqualTo(outcome.withVersion(2));
    assertThat(repository.find(user)).contains(outcome.withVersion(2));
    assertThat(
            repository.tryAcquireRefreshLease(
                user, lease("b", T0.plusSeconds(1), Duration.ofSeconds(30))))
        .isPresent();
  }

  @Test
  void completingALeaseThatWasTakenOverFailsAndChangesNothing() {
    UserId user = newUser();
    stored(user, T0.plusSeconds(60));
    RefreshLease slow = leased(user, "slow", T0);
    RefreshLease next = leased(user, "next", T0.plusSeconds(31));

    GarminConnection late =
        slow.connection().refreshed(SampleSessions.diCredentials(T0.plusSeconds(3600)), T0);
    assertConcurrentUpdate(() -> repository.completeRefresh(slow, late));
    assertThat(repository.find(user)).contains(next.connection());

    GarminConnection onTime =
        next.connection()
            .refreshed(SampleSessions.diCredentials(T0.plusSeconds(7200)), T0.plusSeconds(31));
    assertThat(repository.completeRefresh(next, onTime)).isEqualTo(onTime.withVersion(2));
  }

  @Test
  void completingARefreshFailsWhenTheConnectionChangedUnderTheLease() {
    UserId user = newUser();
    stored(user, T0.plusSeconds(60));
    RefreshLease lease = leased(user, "a", T0);
    GarminConnection reconnected =
        repository.update(
            lease
                .connection()
                .reconnected(
                    SampleSessions.diCredentials(T0.plusSeconds(99)), Optional.empty(), T0));

    GarminConnection outcome =
        lease.connection().refreshed(SampleSessions.diCredentials(T0.plusSeconds(3600)), T0);
    assertConcurrentUpdate(() -> repository.completeRefresh(lease, outcome));
    assertThat(repository.find(user)).contains(reconnected);
  }

  @Test
  void updateReleasesAnyRefreshLease() {
    UserId user = newUser();
    stored(user, T0.plusSeconds(60));
    RefreshLease lease = leased(user, "a", T0);

    repository.update(lease.connection().withTransientFailure("garmin_unavailable", T0));

    assertThat(repository.tryAcquireRefreshLease(user, lease("b", T0, Duration.ofSeconds(30))))
        .isPresent();
  }
}
