package com.fittrack.garminauth.core.support;

import static com.fittrack.garminauth.core.support.CoreHarness.START;
import static com.fittrack.garminauth.core.support.TestCredentials.di;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.port.out.LeaseRequest;
import com.fittrack.garminauth.core.application.port.out.RefreshLease;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The double the use-case tests rely on must itself keep the port's rules. */
class InMemoryConnectionsTest {
  private static final UserId A = UserId.of("user-a");
  private static final UserId B = UserId.of("user-b");

  private final InMemoryConnections repo = new InMemoryConnections();

  @Test
  void writesCompareAndBumpTheVersion() {
    GarminConnection v1 = repo.insert(connection(A, 60));
    GarminConnection v2 = repo.update(v1.withTransientFailure("x", START));

    assertThat(v1.version()).isEqualTo(1);
    assertThat(v2.version()).isEqualTo(2);
    assertThatThrownBy(() -> repo.update(v1)).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> repo.insert(connection(A, 60))).isInstanceOf(StorageException.class);
    assertThat(repo.find(A)).contains(v2);
  }

  @Test
  void oneLiveLeaseAtATimeAndAnExpiredOneIsTakenOverWithTheFlag() {
    repo.insert(connection(A, 60));
    RefreshLease first = repo.tryAcquireRefreshLease(A, lease("one", 0)).orElseThrow();

    assertThat(first.tookOverExpiredLease()).isFalse();
    assertThat(repo.tryAcquireRefreshLease(A, lease("two", 29))).isEmpty();
    RefreshLease second = repo.tryAcquireRefreshLease(A, lease("two", 30)).orElseThrow();
    assertThat(second.tookOverExpiredLease()).isTrue();

    assertThatThrownBy(() -> repo.completeRefresh(first, first.connection()))
        .as("the first holder lost its lease")
        .isInstanceOf(StorageException.class);
    repo.releaseRefreshLease(first);
    assertThat(repo.leaseHolder(A)).contains("two");
    assertThat(repo.completeRefresh(second, second.connection()).version()).isEqualTo(2);
    assertThat(repo.leaseHolder(A)).isEmpty();
  }

  @Test
  void onlyConnectedSessionsCanBeLeased() {
    GarminConnection v1 = repo.insert(connection(A, 60));
    repo.update(v1.requiringReauth("invalid_grant", START));

    assertThat(repo.tryAcquireRefreshLease(A, lease("one", 0))).isEmpty();
    assertThat(repo.tryAcquireRefreshLease(B, lease("one", 0))).isEmpty();
    assertThat(repo.countByStatus()).isEqualTo(Map.of(ConnectionStatus.REAUTH_REQUIRED, 1L));
  }

  @Test
  void dueConnectionsAreClaimedOnceSoonestExpiryFirst() {
    repo.insert(connection(A, 120));
    repo.insert(connection(B, 60));

    var claimed = repo.acquireDueForRefresh(START.plusSeconds(600), 1, lease("sweep", 0));

    assertThat(claimed).extracting(l -> l.connection().userId()).containsExactly(B);
    assertThat(repo.acquireDueForRefresh(START.plusSeconds(600), 10, lease("other", 0)))
        .extracting(l -> l.connection().userId())
        .containsExactly(A);
  }

  private static GarminConnection connection(UserId user, int expiresInSeconds) {
    return GarminConnection.connect(
        user, di("a", "r", START.plusSeconds(expiresInSeconds)), Optional.empty(), START);
  }

  private static LeaseRequest lease(String holder, int atSecond) {
    var now = START.plusSeconds(atSecond);
    return new LeaseRequest(holder, now, now.plus(Duration.ofSeconds(30)));
  }
}
