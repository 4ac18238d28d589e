package com.fittrack.garminauth.core.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.port.in.ConnectionSummary;
import com.fittrack.garminauth.core.application.port.in.ListConnections;
import com.fittrack.garminauth.core.application.port.in.ReadEventFeed;
import com.fittrack.garminauth.core.application.port.out.ConnectionDirectory;
import com.fittrack.garminauth.core.application.port.out.EventOutbox;
import com.fittrack.garminauth.core.domain.ConnectionEvent;
import com.fittrack.garminauth.core.domain.ConnectionEventType;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.CredentialType;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventFeedServiceTest {
  private static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");

  private final List<ConnectionDirectory.Entry> entries =
      IntStream.rangeClosed(1, 5)
          .mapToObj(
              i ->
                  new ConnectionDirectory.Entry(
                      UserId.of("user-" + i),
                      i == 2 ? ConnectionStatus.REAUTH_REQUIRED : ConnectionStatus.CONNECTED,
                      CredentialType.DI_OAUTH2,
                      Optional.empty(),
                      T0,
                      Optional.empty(),
                      T0.plusSeconds(3600),
                      Optional.empty(),
                      Optional.empty()))
          .toList();

  private final ConnectionDirectory directory =
      (status, after, limit) ->
          entries.stream()
              .filter(e -> status.map(s -> s == e.status()).orElse(true))
              .filter(e -> after.map(a -> e.userId().value().compareTo(a.value()) > 0).orElse(true))
              .limit(limit)
              .toList();

  private final List<ConnectionEvent> events = new ArrayList<>();

  private final EventOutbox outbox =
      new EventOutbox() {
        @Override
        public List<ConnectionEvent> after(long position, int limit) {
          return events.stream().filter(e -> e.position() > position).limit(limit).toList();
        }

        @Override
        public long head() {
          return events.size();
        }

        @Override
        public int deleteBefore(Instant cutoff) {
          return 0;
        }
      };

  private final EventFeedService service = new EventFeedService(directory, outbox);

  private void written(int count) {
    for (int i = 0; i < count; i++) {
      int p = events.size() + 1;
      events.add(
          new ConnectionEvent(
              "evt_" + p,
              p,
              ConnectionEventType.CONNECTED,
              UserId.of("user-" + p),
              ConnectionStatus.CONNECTED,
              Optional.empty(),
              T0,
              1));
    }
  }

  @Test
  void pagesThroughEveryConnectionWithOpaqueCursors() {
    ListConnections.ConnectionPage first = service.list(Optional.empty(), Optional.empty(), 2);
    ListConnections.ConnectionPage second = service.list(Optional.empty(), first.nextCursor(), 2);
    ListConnections.ConnectionPage last = service.list(Optional.empty(), second.nextCursor(), 2);

    assertThat(first.items())
        .extracting(s -> s.userId().value())
        .containsExactly("user-1", "user-2");
    assertThat(second.items())
        .extracting(s -> s.userId().value())
        .containsExactly("user-3", "user-4");
    assertThat(last.items()).extracting(s -> s.userId().value()).containsExactly("user-5");
    assertThat(last.nextCursor()).isEmpty();
    assertThat(first.nextCursor().orElseThrow()).doesNotContain("user-2");
  }

  @Test
  void filtersByStatus() {
    ListConnections.ConnectionPage page =
        service.list(Optional.of(ConnectionStatus.REAUTH_REQUIRED), Optional.empty(), 500);

    assertThat(page.items())
        .extracting(ConnectionSummary::userId)
        .containsExactly(UserId.of("user-2"));
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void refusesBadLimitsStatusesAndCursors() {
    String eventCursor = service.events(Optional.empty(), 1).cursor();
    String forged =
        Base64.getUrlEncoder().encodeToString("u1:../../etc".getBytes(StandardCharsets.UTF_8));

    assertInvalid(() -> service.list(Optional.empty(), Optional.empty(), 0), "limit");
    assertInvalid(() -> service.list(Optional.empty(), Optional.empty(), 501), "limit");
    assertInvalid(
        () -> service.list(Optional.of(ConnectionStatus.DISCONNECTED), Optional.empty(), 1),
        "status");
    assertInvalid(() -> service.list(Optional.empty(), Optional.of("not base64!"), 1), "cursor");
    assertInvalid(() -> service.list(Optional.empty(), Optional.of(eventCursor), 1), "cursor");
    assertInvalid(() -> service.list(Optional.empty(), Optional.of(forged), 1), "cursor");
    assertInvalid(() -> service.list(Optional.empty(), Optional.of(""), 1), "cursor");
    assertInvalid(() -> service.list(Optional.empty(), Optional.of("x".repeat(300)), 1), "cursor");
    assertInvalid(() -> service.events(Optional.empty(), 0), "limit");
    assertInvalid(
        () ->
            service.events(
                Optional.of(
                    Base64.getUrlEncoder()
                        .encodeToString("e1:-4".getBytes(StandardCharsets.UTF_8))),
                1),
        "cursor");
    assertInvalid(
        () ->
            service.events(
                Optional.of(
                    Base64.getUrlEncoder()
                        .encodeToString("e1:abc".getBytes(StandardCharsets.UTF_8))),
                1),
        "cursor");
  }

  private static void assertInvalid(Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void theFeedResumesAfterItsCursorAndKeepsItWhenNothingIsNew() {
    written(3);
    ReadEventFeed.EventPage first = service.events(Optional.empty(), 2);
    ReadEventFeed.EventPage rest = service.events(Optional.of(first.cursor()), 10);
    ReadEventFeed.EventPage empty = service.events(Optional.of(rest.cursor()), 10);

    assertThat(first.events()).extracting(ConnectionEvent::position).containsExactly(1L, 2L);
    assertThat(rest.events()).extracting(ConnectionEvent::position).containsExactly(3L);
    assertThat(empty.events()).isEmpty();
    assertThat(empty.cursor()).isEqualTo(rest.cursor());
  }

  @Test
  void aSubscriptionHandsEachEventOnceAndRetriesOneWhoseHandlerFailed() {
    written(3);
    EventSubscription sub = EventSubscription.from(service, Optional.empty());
    List<Long> seen = new ArrayList<>();

    assertThatThrownBy(
            () ->
                sub.poll(
                    10,
                    e -> {
                      if (e.position() == 2 && !seen.contains(-2L)) {
                        seen.add(-2L);
                        throw new IllegalStateException("FitTrack was down");
                      }
                      seen.add(e.position());
                    }))
        .isInstanceOf(IllegalStateException.class);
    int second = sub.poll(10, e -> seen.add(e.position()));
    written(1);
    int third = sub.poll(10, e -> seen.add(e.position()));

    assertThat(seen).containsExactly(1L, -2L, 2L, 3L, 4L);
    assertThat(second).isEqualTo(2);
    assertThat(third).isEqualTo(1);
    assertThat(EventSubscription.from(service, sub.cursor()).poll(10, e -> seen.add(0L))).isZero();
  }
}
