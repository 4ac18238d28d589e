package com.fittrack.garminauth.core.application;

import static com.fittrack.garminauth.core.support.CoreHarness.START;
import static com.fittrack.garminauth.core.support.TestCredentials.di;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.support.ClockSleeper;
import com.fittrack.garminauth.core.support.InMemoryConnections;
import com.fittrack.garminauth.core.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionWriterTest {
  private static final UserId USER = UserId.of("user-1");
  private static final Instant IN_1_HOUR = START.plus(Duration.ofHours(1));

  private final MutableClock clock = new MutableClock(START);

  @Test
  void aSignInThatRacesAnotherReplacesTheOtherSession() {
    InMemoryConnections racy =
        new InMemoryConnections() {
          private boolean raced;

          @Override
          public synchronized GarminConnection insert(GarminConnection connection) {
            if (!raced) {
              raced = true; // another instance stores its sign-in between our read and write
              super.insert(
                  GarminConnection.connect(
                      USER, di("theirs", "r", IN_1_HOUR), Optional.empty(), START));
            }
            return super.insert(connection);
          }
        };

    GarminConnection stored =
        writer(racy).storeNewSession(USER, di("ours", "r", IN_1_HOUR), Optional.empty());

    assertThat(stored.credentials().accessToken().reveal()).isEqualTo("ours");
    assertThat(stored.version()).isEqualTo(2);
    assertThat(racy.find(USER)).contains(stored);
  }

  @Test
  void endlessRacesAreReportedInsteadOfLooping() {
    AtomicInteger attempts = new AtomicInteger();
    InMemoryConnections contended =
        new InMemoryConnections() {
          @Override
          public synchronized GarminConnection update(GarminConnection connection) {
            attempts.incrementAndGet();
            throw StorageException.concurrentUpdate("someone always wins");
          }
        };
    contended.insert(
        GarminConnection.connect(USER, di("theirs", "r", IN_1_HOUR), Optional.empty(), START));

    assertThatThrownBy(
            () ->
                writer(contended)
                    .storeNewSession(USER, di("ours", "r", IN_1_HOUR), Optional.empty()))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_UPDATE));
    assertThat(attempts.get()).isEqualTo(6);
  }

  @Test
  void anInterruptedRetryStopsWithStorageUnavailableAndKeepsTheInterrupt() {
    InMemoryConnections down = new InMemoryConnections();
    down.failNextWrites(1);
    ConnectionWriter writer =
        new ConnectionWriter(
            down,
            AuthPolicy.defaults(),
            d -> {
              throw new InterruptedException();
            },
            clock);

    try {
      assertThatThrownBy(
              () -> writer.storeNewSession(USER, di("ours", "r", IN_1_HOUR), Optional.empty()))
          .isInstanceOfSatisfying(
              StorageException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(down.find(USER)).isEmpty();
  }

  @Test
  void retryWaitsDoubleButStopAtFiveSeconds() {
    InMemoryConnections down = new InMemoryConnections();
    down.failNextWrites(8);
    ClockSleeper sleeper = new ClockSleeper(clock);
    AuthPolicy patient = AuthPolicy.defaults().toBuilder().storeRetries(10).build();

    GarminConnection stored =
        new ConnectionWriter(down, patient, sleeper, clock)
            .storeNewSession(USER, di("ours", "r", IN_1_HOUR), Optional.empty());

    assertThat(stored.credentials().accessToken().reveal()).isEqualTo("ours");
    assertThat(sleeper.sleeps())
        .containsExactly(
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800),
            Duration.ofMillis(1600),
            Duration.ofMillis(3200),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
  }

  private ConnectionWriter writer(InMemoryConnections connections) {
    return new ConnectionWriter(connections, AuthPolicy.defaults(), new ClockSleeper(clock), clock);
  }
}
