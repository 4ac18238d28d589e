package com.fittrack.garminauth.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fittrack.garminauth.core.domain.ConnectionEvent;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.http.EventView;
import com.fittrack.garminauth.persistence.DatabaseSettings;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import com.fittrack.garminauth.persistence.WebhookDeliveries;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.testkit.TestClock;
import com.fittrack.garminauth.testkit.contract.SampleSessions;
import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery against a real HTTP receiver on loopback, on H2 (and, tagged integration, on
 * PostgreSQL with two instances sharing the work). Every request's signature is checked by an
 * independent verifier in the receiver.
 */
class WebhookDeliveryTest {
  static final String SECRET = WebhookSignerTest.SPEC_SECRET;
  static final Clock CLOCK = Clock.systemUTC();

  static final Function<ConnectionEvent, String> BODY =
      e -> {
        try {
          return Receiver.JSON.writeValueAsString(EventView.of(e));
        } catch (JsonProcessingException x) {
          throw new IllegalStateException(x);
        }
      };

  abstract static class Base {
    GarminAuthDatabase db;
    Receiver receiver;
    final List<WebhookDispatcher> dispatchers = new ArrayList<>();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    abstract GarminAuthDatabase open();

    @BeforeEach
    void start() throws IOException {
      db = open();
      db.migrate();
      receiver = new Receiver(SECRET);
    }

    @AfterEach
    void stop() {
      dispatchers.forEach(WebhookDispatcher::close);
      receiver.close();
      db.close();
    }

    WebhookEndpoint endpoint() {
      return new WebhookEndpoint("fittrack", receiver.url(), WebhookSecret.parse(SECRET));
    }

    /** Fast retries so that the tests take seconds; the lease must outlast the timeout. */
    WebhookSettings settings(Duration lease, Duration giveUpAfter) {
      return new WebhookSettings(
          List.of(endpoint()),
          Duration.ofMillis(lease.toMillis() / 2),
          lease,
          giveUpAfter,
          Duration.ofMillis(20),
          Duration.ofMillis(200),
          Duration.ofMillis(20),
          10);
    }

    WebhookDispatcher dispatcher(WebhookSettings settings) {
      WebhookDispatcher d =
          new WebhookDispatcher(db.webhookDeliveries(), settings, BODY, CLOCK, registry);
      dispatchers.add(d);
      return d;
    }

    /** Connects, reconnects twice and disconnects {@code user}: four events. */
    void fourEvents(UserId user) {
      Instant now = CLOCK.instant();
      GarminConnection c =
          db.connections().insert(SampleSessions.connected(user, now, now.plusSeconds(3600)));
      for (int i = 0; i < 2; i++) {
        c =
            db.connections()
                .update(
                    c.reconnected(
                        SampleSessions.diCredentials(now.plusSeconds(7200)),
                        Optional.empty(),
                        now));
      }
      db.connections().delete(user);
    }

    static UserId newUser() {
      return UserId.of("hook-" + UUID.randomUUID());
    }

    /** Asserts that every user's accepted deliveries arrived as sequence 1..n, once each. */
    void assertEveryEventOnceInOrderPerUser(List<UserId> users, int perUser) {
      Map<String, List<Long>> byUser =
          receiver.accepted().stream()
              .collect(
                  Collectors.groupingBy(
                      Receiver.Hit::userId,
                      Collectors.mapping(Receiver.Hit::sequence, Collectors.toList())));
      List<Long> expected = new ArrayList<>();
      for (long s = 1; s <= perUser; s++) {
        expected.add(s);
      }
      for (UserId user : users) {
        assertThat(byUser.get(user.value())).as(user.value()).isEqualTo(expected);
      }
      assertThat(receiver.hits).allMatch(Receiver.Hit::signatureValid);
    }

    @Test
    void aReceiverDownForAWhileGetsEveryEventAfterwardsInOrderPerUser() {
      receiver.answer = () -> 503;
      List<UserId> users = List.of(newUser(), newUser(), newUser());
      users.forEach(this::fourEvents);
      dispatcher(settings(Duration.ofSeconds(10), Duration.ofHours(1))).start();

      // down until it has refused a good number of attempts (retries of the users' first events)
      await().atMost(Duration.ofSeconds(60)).until(() -> receiver.hits.size() >= 9);
      assertThat(receiver.accepted()).isEmpty();
      receiver.answer = () -> 200;
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> receiver.accepted().size() >= users.size() * 4);

      assertEveryEventOnceInOrderPerUser(users, 4);
      // the refused attempts were duplicates of accepted deliveries: same webhook-id
      Set<String> acceptedIds =
          receiver.accepted().stream().map(Receiver.Hit::id).collect(Collectors.toSet());
      List<Receiver.Hit> refused = receiver.hits.stream().filter(h -> h.answered() == 503).toList();
      assertThat(refused).isNotEmpty();
      assertThat(refused).allMatch(h -> acceptedIds.contains(h.id()));
      assertThat(db.webhookDeliveries().countByState()).containsEntry("DELIVERED", 12L);
      assertThat(
              registry
                  .get("garmin_auth_webhook_deliveries")
                  .tag("outcome", "retry")
                  .counter()
                  .count())
          .isGreaterThanOrEqualTo(refused.size() - 1.0);
    }

    @Test
    void aDeliveryInFlightWhenItsInstanceDiesIsRetriedByAnotherWithTheSameId() throws Exception {
      UserId user = newUser();
      fourEvents(user);
      WebhookDeliveries deliveries = db.webhookDeliveries();
      // Instance A: plans, claims the user's first event, POSTs it, and dies before recording
      // the outcome (it never calls delivered/failed). The receiver did get the request.
      deliveries.plan("fittrack", 10, BODY);
      // B's clock is the test's: the lease's expiry is decided by the instant it is given, not by
      // how long this loaded machine takes between the two claims.
      TestClock clock = new TestClock(CLOCK.instant());
      List<WebhookDeliveries.Claimed> claimedByA =
          deliveries.claim("instance-a", clock.instant(), Duration.ofSeconds(30), 10);
      assertThat(claimedByA).hasSize(1); // only the first event: the others wait behind it
      WebhookDeliveries.Claimed inFlight = claimedByA.get(0);
      long ts = CLOCK.instant().getEpochSecond();
      HttpResponse<Void> sent =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(receiver.url())
                      .header("webhook-id", inFlight.eventId())
                      .header("webhook-timestamp", Long.toString(ts))
                      .header(
                          "webhook-signature",
                          WebhookSigner.sign(
                              WebhookSecret.parse(SECRET), inFlight.eventId(), ts, inFlight.body()))
                      .POST(HttpRequest.BodyPublishers.ofString(inFlight.body()))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      assertThat(sent.statusCode()).isEqualTo(204);

      // Instance B: while A's lease is live it delivers nothing (not even the user's later
      // events, which would overtake); once the lease ran out it retries and goes on.
      WebhookDispatcher b =
          new WebhookDispatcher(
              deliveries,
              settings(Duration.ofSeconds(30), Duration.ofHours(1)),
              BODY,
              clock,
              registry);
      assertThat(b.runOnce()).isZero();
      clock.advance(Duration.ofSeconds(29));
      assertThat(b.runOnce()).isZero();
      clock.advance(Duration.ofSeconds(1)); // A's lease has run out
      for (int round = 0; round < 10 && receiver.accepted().size() < 5; round++) {
        b.runOnce();
      }
      List<Receiver.Hit> hits = receiver.accepted();
      assertThat(hits.get(0).id()).isEqualTo(inFlight.eventId());
      assertThat(hits.get(1).id()).isEqualTo(inFlight.eventId()); // the duplicate, same id
      assertThat(hits.subList(1, 5))
          .extracting(Receiver.Hit::sequence)
          .containsExactly(1L, 2L, 3L, 4L);
      assertThat(receiver.hits).allMatch(Receiver.Hit::signatureValid);
      assertThat(deliveries.countByState()).containsEntry("DELIVERED", 4L);
    }

    @Test
    void aDeliveryFailingPastTheGiveUpTimeIsDeadLetteredThenRedelivered() {
      // a redirect is a failure: never followed
      receiver.answer = () -> 302;
      UserId user = newUser();
      Instant now = CLOCK.instant();
      db.connections().insert(SampleSessions.connected(user, now, now.plusSeconds(3600)));
      WebhookDispatcher d = dispatcher(settings(Duration.ofSeconds(10), Duration.ofMillis(300)));

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                d.runOnce();
                return !db.webhookDeliveries().deadLetters(10).isEmpty();
              });
      WebhookDeliveries.DeadLetter dead = db.webhookDeliveries().deadLetters(10).get(0);
      assertThat(dead.userId()).isEqualTo(user.value());
      assertThat(dead.lastError()).contains("HTTP 302 (redirects are not followed)");
      assertThat(receiver.accepted()).isEmpty();
      assertThat(
              registry
                  .get("garmin_auth_webhook_deliveries")
                  .tag("outcome", "dead")
                  .counter()
                  .count())
          .isEqualTo(1.0);

      receiver.answer = () -> 204;
      assertThat(
              db.webhookDeliveries().redeliver(dead.endpointId(), dead.position(), CLOCK.instant()))
          .isTrue();
      assertThat(
              db.webhookDeliveries().redeliver(dead.endpointId(), dead.position(), CLOCK.instant()))
          .isFalse();
      d.runOnce();

      assertThat(receiver.accepted()).extracting(Receiver.Hit::id).containsExactly(dead.eventId());
      assertThat(receiver.accepted().get(0).type()).isEqualTo("connection.connected");
      assertThat(db.webhookDeliveries().deadLetters(10)).isEmpty();
    }
  }

  @Nested
  class OnH2 extends Base {
    @Override
    GarminAuthDatabase open() {
      return GarminAuthDatabase.open(
          DatabaseSettings.h2InMemory(), KeyRing.parse(KeyRing.generateKeySpec()), CLOCK);
    }
  }

  @Nested
  @Tag("integration")
  class OnPostgres extends Base {
    private PostgresTestDatabase pg;

    @Override
    GarminAuthDatabase open() {
      pg = PostgresTestDatabase.create();
      return GarminAuthDatabase.open(
          DatabaseSettings.postgres(pg.jdbcUrl(), pg.user(), pg.password()),
          KeyRing.parse(KeyRing.generateKeySpec()),
          CLOCK);
    }

    @AfterEach
    void dropSchema() {
      db.close();
      if (pg != null) {
        pg.close();
      }
    }

    @Test
    void twoInstancesShareTheWorkWithoutDuplicatesAndKeepEachUsersOrder() {
      List<UserId> users = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        UserId user = newUser();
        users.add(user);
        fourEvents(user);
      }
      dispatcher(settings(Duration.ofSeconds(10), Duration.ofHours(1))).start();
      dispatcher(settings(Duration.ofSeconds(10), Duration.ofHours(1))).start();

      await().atMost(Duration.ofSeconds(90)).until(() -> receiver.accepted().size() >= 60);

      assertEveryEventOnceInOrderPerUser(users, 4);
      assertThat(receiver.hits).extracting(Receiver.Hit::id).doesNotHaveDuplicates();
    }
  }
}
