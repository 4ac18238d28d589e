package com.fittrack.garminauth.testkit.contract;

import static com.fittrack.garminauth.testkit.contract.SampleSessions.connected;
import static com.fittrack.garminauth.testkit.contract.SampleSessions.diCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.application.port.out.ConnectionDirectory;
import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.EventOutbox;
import com.fittrack.garminauth.core.application.port.out.LeaseRequest;
import com.fittrack.garminauth.core.application.port.out.RefreshLease;
import com.fittrack.garminauth.core.domain.ConnectionEvent;
import com.fittrack.garminauth.core.domain.ConnectionEventType;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.SessionOrigin;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The outbox rules every adapter keeps: which write produces which event, that the event is written
 * with the change (a failed compare-and-set writes none), per-user sequences, feed order, pruning;
 * and the keyset listing. Extend it and return empty adapters that read the time from {@link
 * #clock()} and report {@code refresh_failing} after {@link #FAILING_AFTER}.
 */
public abstract class EventOutboxContract {
  protected static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");
  protected static final Duration FAILING_AFTER = Duration.ofMinutes(15);
  private static final AtomicInteger USERS = new AtomicInteger();

  /** Connections, listing and outbox over one empty store. */
  public record Adapters(
      ConnectionRepository connections, ConnectionDirectory directory, EventOutbox events) {}

  protected abstract Adapters newAdapters();

  /** The clock the adapters read; the contract moves it. */
  protected abstract TestClock clock();

  private ConnectionRepository connections;
  private ConnectionDirectory directory;
  private EventOutbox events;

  @BeforeEach
  void createAdapters() {
    clock().set(T0);
    Adapters adapters = newAdapters();
    connections = adapters.connections();
    directory = adapters.directory();
    events = adapters.events();
  }

  private static UserId newUser() {
    return UserId.of("outbox-" + USERS.incrementAndGet() + "@contract");
  }

  private GarminConnection stored(UserId user) {
    return connections.insert(connected(user, T0, T0.plusSeconds(3600)));
  }

  private RefreshLease lease(UserId user) {
    Instant now = clock().instant();
    return connections
        .tryAcquireRefreshLease(user, new LeaseRequest("worker", now, now.plusSeconds(30)))
        .orElseThrow();
  }

  private List<ConnectionEvent> all() {
    return events.after(0, 10_000);
  }

  private List<ConnectionEventType> typesOf(UserId user) {
    return all().stream().filter(e -> e.userId().equals(user)).map(ConnectionEvent::type).toList();
  }

  @Test
  void aSignInAnImportAndADisconnectEachWriteOneEvent() {
    UserId user = newUser();
    GarminConnection first = stored(user);
    connections.update(
        first.reconnected(diCredentials(T0.plusSeconds(7200)), Optional.empty(), T0),
        SessionOrigin.IMPORT);
    connections.delete(user);

    List<ConnectionEvent> written = all();
    assertThat(written)
        .extracting(ConnectionEvent::type)
        .containsExactly(
            ConnectionEventType.CONNECTED,
            ConnectionEventType.IMPORTED,
            ConnectionEventType.DISCONNECTED);
    assertThat(written).extracting(ConnectionEvent::sequence).containsExactly(1L, 2L, 3L);
    assertThat(written)
        .extracting(ConnectionEvent::status)
        .containsExactly(
            ConnectionStatus.CONNECTED, ConnectionStatus.CONNECTED, ConnectionStatus.DISCONNECTED);
    assertThat(written).allSatisfy(e -> assertThat(e.at()).isEqualTo(T0));
    assertThat(written).extracting(ConnectionEvent::id).doesNotHaveDuplicates();
  }

  @Test
  void aWriteThatLosesItsCompareAndSetWritesNoEvent() {
    UserId user = newUser();
    GarminConnection first = stored(user);
    connections.update(first);
    long head = events.head();

    try {
      connections.update(first); // stale version
    } catch (RuntimeException expected) {
      // concurrent_update, pinned down by the repository contract
    }
    assertThat(connections.delete(newUser())).isFalse();

    assertThat(events.head()).isEqualTo(head);
    assertThat(all()).hasSize(2);
  }

  @Test
  void reauthRequiredCarriesTheReason() {
    UserId user = newUser();
    stored(user);
    RefreshLease lease = lease(user);

    connections.completeRefresh(
        lease, lease.connection().requiringReauth("refresh_token_revoked", T0));

    ConnectionEvent last = all().get(all().size() - 1);
    assertThat(last.type()).isEqualTo(ConnectionEventType.REAUTH_REQUIRED);
    assertThat(last.status()).isEqualTo(ConnectionStatus.REAUTH_REQUIRED);
    assertThat(last.reason()).contains("refresh_token_revoked");
    assertThat(last.sequence()).isEqualTo(2);
  }

  @Test
  void plainRefreshesWriteNoEvent() {
    UserId user = newUser();
    stored(user);
    for (int i = 0; i < 3; i++) {
      RefreshLease lease = lease(user);
      connections.completeRefresh(
          lease,
          lease.connection().refreshed(diCredentials(T0.plusSeconds(7200)), clock().instant()));
    }

    assertThat(typesOf(user)).containsExactly(ConnectionEventType.CONNECTED);
  }

  @Test
  void refreshFailingIsReportedOnceAfterTheThresholdAndRefreshedWhenItRecovers() {
    UserId user = newUser();
    stored(user);
    failRefresh(user);
    clock().advance(FAILING_AFTER.minusSeconds(1));
    failRefresh(user);
    assertThat(typesOf(user)).containsExactly(ConnectionEventType.CONNECTED);

    clock().advance(Duration.ofSeconds(1));
    failRefresh(user);
    clock().advance(FAILING_AFTER);
    failRefresh(user);
    RefreshLease lease = lease(user);
    connections.completeRefresh(
        lease,
        lease.connection().refreshed(diCredentials(T0.plusSeconds(7200)), clock().instant()));

    assertThat(typesOf(user))
        .containsExactly(
            ConnectionEventType.CONNECTED,
            ConnectionEventType.REFRESH_FAILING,
            ConnectionEventType.REFRESHED);
    ConnectionEvent failing = all().get(all().size() - 2);
    assertThat(failing.reason()).contains("garmin_unavailable");
    assertThat(failing.status()).isEqualTo(ConnectionStatus.CONNECTED);
  }

  @Test
  void aShortRunOfFailuresThatRecoversWritesNothing() {
    UserId user = newUser();
    stored(user);
    failRefresh(user);
    RefreshLease lease = lease(user);
    connections.completeRefresh(
        lease,
        lease.connection().refreshed(diCredentials(T0.plusSeconds(7200)), clock().instant()));
    clock().advance(FAILING_AFTER.multipliedBy(2));
    failRefresh(user);

    assertThat(typesOf(user)).containsExactly(ConnectionEventType.CONNECTED);
  }

  private void failRefresh(UserId user) {
    RefreshLease lease = lease(user);
    connections.completeRefresh(
        lease, lease.connection().withTransientFailure("garmin_unavailable", clock().instant()));
  }

  @Test
  void sequencesContinueAfterADisconnectAndTheFeedIsInPositionOrder() {
    UserId a = newUser();
    UserId b = newUser();
    stored(a);
    stored(b);
    connections.delete(a);
    stored(a);

    List<ConnectionEvent> written = all();
    assertThat(written).extracting(ConnectionEvent::position).isSorted().doesNotHaveDuplicates();
    assertThat(written.stream().filter(e -> e.userId().equals(a)))
        .extracting(ConnectionEvent::sequence)
        .containsExactly(1L, 2L, 3L);
    assertThat(events.head()).isEqualTo(written.get(written.size() - 1).position());
  }

  @Test
  void readsTheFeedInPagesAfterAPosition() {
    for (int i = 0; i < 5; i++) {
      stored(newUser());
    }
    List<ConnectionEvent> written = all();
    long third = written.get(2).position();

    assertThat(events.after(third, 2))
        .extracting(ConnectionEvent::position)
        .containsExactly(written.get(3).position(), written.get(4).position());
    assertThat(events.after(written.get(4).position(), 10)).isEmpty();
  }

  @Test
  void prunesEventsOlderThanTheCutoffOnly() {
    stored(newUser());
    clock().advance(Duration.ofDays(8));
    UserId recent = newUser();
    stored(recent);

    assertThat(events.deleteBefore(clock().instant().minus(Duration.ofDays(7)))).isEqualTo(1);
    assertThat(all()).extracting(ConnectionEvent::userId).containsExactly(recent);
  }

  @Test
  void listsByUserIdInPagesFilteredByStatus() {
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      UserId user = newUser();
      users.add(user);
      stored(user);
    }
    RefreshLease lease = lease(users.get(1));
    connections.completeRefresh(lease, lease.connection().requiringReauth("invalid_grant", T0));
    List<String> sorted = users.stream().map(UserId::value).sorted().toList();

    List<ConnectionDirectory.Entry> firstPage =
        directory.list(Optional.empty(), Optional.empty(), 3);
    List<ConnectionDirectory.Entry> rest =
        directory.list(Optional.empty(), Optional.of(firstPage.get(2).userId()), 3);
    List<ConnectionDirectory.Entry> reauth =
        directory.list(Optional.of(ConnectionStatus.REAUTH_REQUIRED), Optional.empty(), 10);

    assertThat(firstPage).extracting(e -> e.userId().value()).isEqualTo(sorted.subList(0, 3));
    assertThat(rest).extracting(e -> e.userId().value()).isEqualTo(sorted.subList(3, 5));
    assertThat(reauth).extracting(ConnectionDirectory.Entry::userId).containsExactly(users.get(1));
    assertThat(reauth.get(0).lastFailure()).isPresent();
    assertThat(reauth.get(0).lastFailure().get().code()).isEqualTo("invalid_grant");
  }

  @Test
  @Tag("integration")
  void concurrentWritersOfManyUsersGetGaplessPerUserSequences() {
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      UserId user = newUser();
      users.add(user);
      stored(user);
    }
    List<Race.Outcome<Object>> outcomes =
        Race.run(
            8,
            racer -> {
              UserId user = users.get(racer);
              for (int i = 0; i < 5; i++) {
                GarminConnection current = connections.find(user).orElseThrow();
                connections.update(
                    current.reconnected(
                        diCredentials(T0.plusSeconds(7200)), Optional.empty(), clock().instant()));
              }
              return null;
            });

    assertThat(outcomes).allMatch(Race.Outcome::succeeded);
    List<ConnectionEvent> written = all();
    assertThat(written).hasSize(8 * 6);
    assertThat(written).extracting(ConnectionEvent::position).isSorted().doesNotHaveDuplicates();
    for (UserId user : users) {
      assertThat(written.stream().filter(e -> e.userId().equals(user)))
          .extracting(ConnectionEvent::sequence)
          .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }
  }
}
