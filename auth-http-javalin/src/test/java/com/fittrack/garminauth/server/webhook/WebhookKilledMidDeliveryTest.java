package com.fittrack.garminauth.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.DatabaseSettings;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.testkit.contract.SampleSessions;
import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A delivery worker in another JVM is SIGKILLed while its POST is in flight (the receiver holds the
 * request open): nothing is lost. After the dead worker's lease runs out, a worker here delivers
 * every event, in order, the first one again with the same webhook-id.
 */
@Tag("integration")
class WebhookKilledMidDeliveryTest {
  private static final String SECRET = WebhookSignerTest.SPEC_SECRET;

  private PostgresTestDatabase pg;
  private GarminAuthDatabase db;
  private Receiver receiver;
  private Process worker;
  private WebhookDispatcher survivor;
  private final CountDownLatch arrived = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  /** A 3 s lease over a 2 s request timeout: short, so that the proof takes seconds. */
  static WebhookSettings settings(List<WebhookEndpoint> endpoints) {
    return new WebhookSettings(
        endpoints,
        Duration.ofSeconds(2),
        Duration.ofSeconds(3),
        Duration.ofHours(1),
        Duration.ofMillis(50),
        Duration.ofMillis(500),
        Duration.ofMillis(50),
        10);
  }

  @BeforeEach
  void start() throws Exception {
    pg = PostgresTestDatabase.create();
    receiver = new Receiver(SECRET);
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (worker != null) {
      worker.destroyForcibly();
    }
    if (survivor != null) {
      survivor.close();
    }
    receiver.close();
    if (db != null) {
      db.close();
    }
    pg.close();
  }

  @Test
  void aWorkerKilledMidDeliveryLosesNothing() throws Exception {
    String keySpec = KeyRing.generateKeySpec();
    db =
        GarminAuthDatabase.open(
            DatabaseSettings.postgres(pg.jdbcUrl(), pg.user(), pg.password()),
            KeyRing.parse(keySpec),
            WebhookDeliveryTest.CLOCK);
    db.migrate();
    UserId user = UserId.of("killed-mid-delivery");
    Instant now = Instant.now();
    GarminConnection c =
        db.connections().insert(SampleSessions.connected(user, now, now.plusSeconds(3600)));
    db.connections()
        .update(
            c.reconnected(
                SampleSessions.diCredentials(now.plusSeconds(7200)), Optional.empty(), now));
    db.connections().delete(user);

    // The first request is held open until the worker is dead; later ones are accepted.
    receiver.answer =
        () -> {
          if (arrived.getCount() > 0) {
            arrived.countDown();
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return 503;
          }
          return 204;
        };
    worker =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                WebhookWorkerProcess.class.getName(),
                pg.jdbcUrl(),
                pg.user(),
                pg.password(),
                keySpec,
                receiver.url().toString(),
                SECRET)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
    String line;
    do {
      line = out.readLine(); // the worker's log lines come first
    } while (line != null && !line.equals("started"));
    assertThat(line).isEqualTo("started");
    // generous: JVM start and the first claim on a loaded machine
    assertThat(arrived.await(120, TimeUnit.SECONDS)).isTrue();
    String inFlight = receiver.arrivals.get(0);

    worker.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally
    assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(worker.exitValue()).isEqualTo(137);
    release.countDown();
    assertThat(db.webhookDeliveries().countByState()).containsEntry("PENDING", 3L);

    survivor =
        new WebhookDispatcher(
            db.webhookDeliveries(),
            settings(
                List.of(
                    new WebhookEndpoint("fittrack", receiver.url(), WebhookSecret.parse(SECRET)))),
            WebhookDeliveryTest.BODY,
            WebhookDeliveryTest.CLOCK,
            new SimpleMeterRegistry());
    survivor.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> receiver.accepted().size() >= 3);

    assertThat(receiver.accepted()).extracting(Receiver.Hit::sequence).containsExactly(1L, 2L, 3L);
    assertThat(receiver.accepted().get(0).id()).isEqualTo(inFlight);
    assertThat(receiver.hits).allMatch(Receiver.Hit::signatureValid);
    assertThat(db.webhookDeliveries().countByState()).containsEntry("DELIVERED", 3L);
  }
}
