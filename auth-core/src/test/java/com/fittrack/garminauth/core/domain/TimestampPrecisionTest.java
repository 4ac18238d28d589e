package com.fittrack.garminauth.core.domain;

import static com.fittrack.garminauth.core.support.TestCredentials.di;
import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.application.port.in.ConnectionSummary;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Databases keep microseconds, a JDK clock may give nanoseconds: the domain keeps microseconds, so
 * that the process that wrote a connection answers the same instants as every process that reads it
 * back.
 */
class TimestampPrecisionTest {
  private static final Instant NANOS = Instant.parse("2026-11-30T10:15:39.133188843Z");
  private static final Instant MICROS = Instant.parse("2026-11-30T10:15:39.133188Z");
  private static final UserId USER = UserId.of("user-1");

  @Test
  void aConnectionMadeAtANanosecondInstantKeepsWholeMicroseconds() {
    GarminConnection c =
        GarminConnection.connect(
            USER, di("a", "r", NANOS.plusSeconds(3600)), Optional.empty(), NANOS);

    assertThat(c.connectedAt()).isEqualTo(MICROS);
    assertThat(c.credentials().accessTokenExpiresAt()).isEqualTo(MICROS.plusSeconds(3600));

    GarminConnection later =
        c.refreshed(di("a2", "r2", NANOS.plusSeconds(7200)), NANOS.plusSeconds(60))
            .withTransientFailure("garmin_unavailable", NANOS.plusSeconds(61));
    ConnectionSummary summary = ConnectionSummary.of(later);
    assertThat(summary.lastRefreshedAt()).contains(MICROS.plusSeconds(60));
    assertThat(summary.accessTokenExpiresAt()).isEqualTo(MICROS.plusSeconds(7200));
    assertThat(summary.lastFailure().orElseThrow().at()).isEqualTo(MICROS.plusSeconds(61));
  }

  @Test
  void aConnectionBuiltFromTheSameRowAtEitherPrecisionIsEqual() {
    // the writer holds the value it built, a reader the value rebuilt from the row: same value
    GarminConnection written =
        GarminConnection.connect(USER, di("a", "r", NANOS), Optional.empty(), NANOS);
    GarminConnection read =
        GarminConnection.connect(USER, di("a", "r", MICROS), Optional.empty(), MICROS);

    assertThat(written).isEqualTo(read);
  }

  @Test
  void aChallengeKeepsWholeMicroseconds() {
    MfaChallenge challenge =
        MfaChallenge.open(USER, MfaMethod.EMAIL, Secret.of("s"), 3, NANOS, NANOS.plusSeconds(600));

    assertThat(challenge.createdAt()).isEqualTo(MICROS);
    assertThat(challenge.expiresAt()).isEqualTo(MICROS.plusSeconds(600));
  }

  @Test
  void truncationIsTowardsThePast() {
    assertThat(Timestamps.micros(Instant.parse("2026-01-01T00:00:00.000000999Z")))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(Timestamps.micros(Optional.of(NANOS))).contains(MICROS);
    assertThat(Timestamps.micros(Optional.<Instant>empty())).isEmpty();
  }
}
