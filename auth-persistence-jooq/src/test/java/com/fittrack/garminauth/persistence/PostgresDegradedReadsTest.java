package com.fittrack.garminauth.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.testkit.TestClock;
import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Token reads while PostgreSQL cannot be reached (ADR 0117). The instance under test reaches the
 * shared PostgreSQL through a loopback relay of this test, and the outage is the relay cut: the
 * shared server is never stopped. A cached token outside its refresh margin is still served
 * (counted as a degraded read); one within the margin, or one never cached, is not.
 */
@Tag("integration")
class PostgresDegradedReadsTest {
  private static final Instant T0 = TestConnections.T0;

  /** Generous: the machine is shared, and waiting for Hikari's own timeout is part of a case. */
  private static final Duration CEILING = Duration.ofSeconds(30);

  private final TestClock clock = new TestClock(T0);
  private PostgresTestDatabase pg;
  private TcpRelay relay;
  private GarminAuthDatabase direct;
  private GarminAuthDatabase relayed;

  @BeforeEach
  void open() throws Exception {
    pg = PostgresTestDatabase.create();
    direct = GarminAuthDatabase.open(TestDatabases.settings(pg), TestDatabases.KEYS, clock);
    direct.migrate();
    URI server = URI.create(pg.jdbcUrl().substring("jdbc:".length()));
    relay = TcpRelay.to(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
    String viaRelay =
        pg.jdbcUrl()
            .replace(server.getHost() + ":" + server.getPort(), "127.0.0.1:" + relay.port());
    assertThat(viaRelay).contains(":" + relay.port() + "/");
    relayed =
        GarminAuthDatabase.open(
            DatabaseSettings.postgres(viaRelay, pg.user(), pg.password()),
            TestDatabases.KEYS,
            clock);
    await().atMost(CEILING).until(relayed::changeChannelUp);
  }

  @AfterEach
  void close() throws Exception {
    if (relayed != null) {
      relayed.close();
    }
    if (relay != null) {
      relay.close();
    }
    if (direct != null) {
      direct.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void whileTheDatabaseIsUnreachableOnlyCachedTokensOutsideTheMarginAreServed() throws Exception {
    UserId valid = UserId.of("valid-for-an-hour");
    UserId due = UserId.of("due-in-four-minutes");
    UserId neverRead = UserId.of("never-read-here");
    insert(valid, T0.plusSeconds(3600));
    insert(due, T0.plusSeconds(240));
    insert(neverRead, T0.plusSeconds(3600));
    assertThat(relayed.connections().find(valid)).isPresent();
    assertThat(relayed.connections().find(due)).isPresent();
    assertThat(relayed.degradedReads()).isZero();

    relay.cut();
    await().atMost(CEILING).until(() -> !relayed.changeChannelUp());

    long before = System.nanoTime();
    assertThat(token(relayed, valid)).isEqualTo("access-" + valid.value());
    Duration degradedRead = Duration.ofNanos(System.nanoTime() - before);
    assertThat(relayed.degradedReads()).isEqualTo(1);
    assertThatThrownBy(() -> relayed.connections().find(due))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
    assertThatThrownBy(() -> relayed.connections().find(neverRead))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
    assertThat(relayed.degradedReads()).isEqualTo(1);

    // Meanwhile another instance, which still reaches the database, disconnects the user.
    direct.connections().delete(valid);

    relay.restore();
    await().atMost(CEILING).until(relayed::changeChannelUp);
    // Back: the entry cached before the outage is checked against the row, which is gone.
    assertThat(relayed.connections().find(valid)).isEmpty();
    assertThat(relayed.connections().find(neverRead)).isPresent();
    System.out.printf(
        "[degraded-reads] a degraded read took %d ms with the relay cut%n",
        degradedRead.toMillis());
  }

  /** A Garmin token, issued 21 h ago: the 5-min margin applies to it as configured. */
  private void insert(UserId user, Instant accessExpiresAt) {
    direct
        .connections()
        .insert(
            TestConnections.connection(
                user, user.value(), accessExpiresAt, T0.minus(Duration.ofHours(21))));
  }

  private static String token(GarminAuthDatabase db, UserId user) {
    return db.connections().find(user).orElseThrow().credentials().accessToken().reveal();
  }
}
