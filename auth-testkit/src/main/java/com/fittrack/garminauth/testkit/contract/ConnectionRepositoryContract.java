package com.fittrack.garminauth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.RefreshLease;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link ConnectionRepository}, including the sweeper's batch claim and the races
 * (tagged {@code integration}: they run under Failsafe). Extend it and return an empty repository.
 *
 * <pre>{@code
 * class InMemoryConnectionRepositoryTest extends ConnectionRepositoryContract {
 *   protected ConnectionRepository newRepository() { return new InMemoryConnectionRepository(); }
 * }
 * }</pre>
 */
public abstract class ConnectionRepositoryContract extends ConnectionRepositoryBasics {

  @Test
  void sweeperClaimsConnectedDueSessionsOldestExpiryFirstUpToTheLimit() {
    UserId late = newUser();
    UserId soonest = newUser();
    UserId soon = newUser();
    UserId notDue = newUser();
    UserId reauth = newUser();
    UserId leased = newUser();
    stored(late, T0.plusSeconds(200));
    stored(soonest, T0.plusSeconds(10));
    stored(soon, T0.plusSeconds(100));
    stored(notDue, T0.plusSeconds(5000));
    repository.update(stored(reauth, T0.plusSeconds(1)).requiringReauth("invalid_grant", T0));
    stored(leased, T0.plusSeconds(2));
    repository.tryAcquireRefreshLease(leased, lease("busy", T0, Duration.ofSeconds(60)));

    List<RefreshLease> claimed =
        repository.acquireDueForRefresh(
            T0.plusSeconds(300), 2, lease("sweeper", T0, Duration.ofSeconds(30)));

    assertThat(claimed).extracting(l -> l.connection().userId()).containsExactly(soonest, soon);
    assertThat(claimed).allSatisfy(l -> assertThat(l.holder()).isEqualTo("sweeper"));
    assertThat(claimed).allSatisfy(l -> assertThat(l.until()).isEqualTo(T0.plusSeconds(30)));
    assertThat(claimed).noneMatch(RefreshLease::tookOverExpiredLease);
    assertThat(claimed.get(0).connection()).isEqualTo(repository.find(soonest).orElseThrow());
    assertThat(
            repository.tryAcquireRefreshLease(soonest, lease("other", T0, Duration.ofSeconds(5))))
        .isEmpty();

    List<RefreshLease> rest =
        repository.acquireDueForRefresh(
            T0.plusSeconds(300), 10, lease("sweeper-2", T0, Duration.ofSeconds(30)));
    assertThat(rest).extracting(l -> l.connection().userId()).containsExactly(late);
  }

  @Test
  void sweeperTakesOverExpiredLeasesAndRejectsANonPositiveLimit() {
    UserId user = newUser();
    stored(user, T0.plusSeconds(10));
    repository.tryAcquireRefreshLease(user, lease("dead-worker", T0, Duration.ofSeconds(30)));

    assertThat(
            repository.acquireDueForRefresh(
                T0.plusSeconds(60), 5, lease("s", T0.plusSeconds(30), Duration.ofSeconds(30))))
        .singleElement()
        .satisfies(l -> assertThat(l.connection().userId()).isEqualTo(user))
        .satisfies(l -> assertThat(l.tookOverExpiredLease()).isTrue());
    assertThatThrownBy(
            () -> repository.acquireDueForRefresh(T0, 0, lease("s", T0, Duration.ofSeconds(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Tag("integration")
  void thirtyTwoRacersForOneLeaseHaveOneWinnerAndTheLosersReadItsResult() {
    UserId user = newUser();
    stored(user, T0.plusSeconds(10));
    GarminConnection[] published = new GarminConnection[1];
    CountDownLatch winnerDone = new CountDownLatch(1);
    AtomicInteger holding = new AtomicInteger();
    AtomicInteger mostHoldingAtOnce = new AtomicInteger();

    // Each racer does what the facade does at expiry: try to lease; a lease holder refreshes only
    // if the leased connection still needs it (a later holder sees the winner's fresh token and
    // gives the lease back); everyone else waits for the winner and reads what it stored.
    List<Race.Outcome<String>> outcomes =
        Race.run(
            32,
            racer -> {
              Optional<RefreshLease> lease =
                  repository.tryAcquireRefreshLease(
                      user, lease("worker-" + racer, T0, Duration.ofSeconds(30)));
              if (lease.isPresent()) {
                mostHoldingAtOnce.accumulateAndGet(holding.incrementAndGet(), Math::max);
                GarminConnection leased = lease.get().connection();
                if (leased.needsRefresh(T0, Duration.ofMinutes(5))) {
                  GarminConnection outcome =
                      leased.refreshed(SampleSessions.diCredentials(T0.plusSeconds(3600)), T0);
                  holding.decrementAndGet();
                  published[0] = repository.completeRefresh(lease.get(), outcome);
                  winnerDone.countDown();
                  return "refreshed";
                }
                holding.decrementAndGet();
                repository.releaseRefreshLease(lease.get());
                return leased.credentials().accessToken().reveal();
              }
              assertThat(winnerDone.await(60, TimeUnit.SECONDS)).isTrue();
              return repository.find(user).orElseThrow().credentials().accessToken().reveal();
            });

    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    List<String> values = outcomes.stream().map(Race.Outcome::value).toList();
    assertThat(values).filteredOn("refreshed"::equals).hasSize(1);
    assertThat(values)
        .filteredOn(v -> !"refreshed".equals(v))
        .hasSize(31)
        .containsOnly(published[0].credentials().accessToken().reveal());
    assertThat(mostHoldingAtOnce).hasValue(1);
    assertThat(repository.find(user)).contains(published[0]);
    assertThat(published[0].version()).isEqualTo(2);
  }

  @Test
  @Tag("integration")
  void ofSixteenConcurrentUpdatesOfOneVersionExactlyOneIsStored() {
    UserId user = newUser();
    GarminConnection v1 = stored(user, T0.plusSeconds(10));

    List<Race.Outcome<GarminConnection>> outcomes =
        Race.run(16, racer -> repository.update(v1.withTransientFailure("racer-" + racer, T0)));

    List<Race.Outcome<GarminConnection>> won =
        outcomes.stream().filter(Race.Outcome::succeeded).toList();
    assertThat(won).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> !o.succeeded())
        .hasSize(15)
        .allSatisfy(
            o ->
                assertThat(o.failure())
                    .isInstanceOfSatisfying(
                        StorageException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_UPDATE)));
    assertThat(repository.find(user)).contains(won.get(0).value());
  }

  @Test
  @Tag("integration")
  void concurrentSweepersNeverClaimTheSameConnection() {
    Set<UserId> due = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      UserId user = newUser();
      stored(user, T0.plusSeconds(i));
      due.add(user);
    }

    List<Race.Outcome<List<RefreshLease>>> outcomes =
        Race.run(
            4,
            racer ->
                repository.acquireDueForRefresh(
                    T0.plusSeconds(60), 8, lease("sweeper-" + racer, T0, Duration.ofSeconds(30))));

    List<UserId> claimed = new ArrayList<>();
    for (Race.Outcome<List<RefreshLease>> o : outcomes) {
      assertThat(o.failure()).isNull();
      o.value().forEach(l -> claimed.add(l.connection().userId()));
    }
    assertThat(claimed).doesNotHaveDuplicates().isNotEmpty();
    // Whatever the racers did not claim is still there for the next sweep, and nothing more.
    Set<UserId> rest =
        repository
            .acquireDueForRefresh(T0.plusSeconds(60), 20, lease("late", T0, Duration.ofSeconds(30)))
            .stream()
            .map(l -> l.connection().userId())
            .collect(Collectors.toSet());
    assertThat(rest).doesNotContainAnyElementsOf(claimed);
    Set<UserId> all = new HashSet<>(claimed);
    all.addAll(rest);
    assertThat(all).isEqualTo(due);
  }

  @Test
  void countsConnectionsByStatus() {
    stored(newUser(), T0.plusSeconds(60));
    stored(newUser(), T0.plusSeconds(60));
    GarminConnection third = stored(newUser(), T0.plusSeconds(60));
    repository.update(third.requiringReauth("invalid_grant", T0));

    assertThat(repository.countByStatus())
        .containsEntry(ConnectionStatus.CONNECTED, 2L)
        .containsEntry(ConnectionStatus.REAUTH_REQUIRED, 1L)
        .containsEntry(ConnectionStatus.DISCONNECTED, 0L);
  }

  @Test
  void releasingALeaseLetsTheNextCallerInButOnlyTheHolderCanRelease() {
    UserId user = newUser();
    GarminConnection v1 = stored(user, T0.plusSeconds(60));
    RefreshLease held = leased(user, "a", T0);

    repository.releaseRefreshLease(new RefreshLease("impostor", held.until(), held.connection()));
    assertThat(repository.tryAcquireRefreshLease(user, lease("b", T0, Duration.ofSeconds(30))))
        .isEmpty();

    repository.releaseRefreshLease(held);
    assertThat(repository.tryAcquireRefreshLease(user, lease("b", T0, Duration.ofSeconds(30))))
        .isPresent();
    assertThat(repository.find(user)).contains(v1);
  }
}
