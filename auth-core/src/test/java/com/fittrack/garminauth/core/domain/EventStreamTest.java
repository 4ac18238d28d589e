package com.fittrack.garminauth.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.support.TestCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventStreamTest {
  private static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");
  private static final Duration AFTER = Duration.ofMinutes(15);
  private static final GarminConnection STORED =
      GarminConnection.connect(
              UserId.of("runner-1"),
              TestCredentials.di("access", "refresh", T0.plusSeconds(3600)),
              Optional.empty(),
              T0)
          .withVersion(3);

  private static EventStream.Write refresh(GarminConnection before, GarminConnection after) {
    return new EventStream.Write.RefreshWritten(before, after);
  }

  private static GarminConnection failing(Instant at) {
    return STORED.withTransientFailure("garmin_unavailable", at);
  }

  private static GarminConnection healthy(Instant at) {
    return STORED.refreshed(TestCredentials.di("a2", "r2", at.plusSeconds(3600)), at);
  }

  @Test
  void aSignInAndAnImportAreAnnouncedByOrigin() {
    EventStream.Decision signIn =
        EventStream.NEW.decide(
            new EventStream.Write.SessionStored(SessionOrigin.SIGN_IN), T0, AFTER);
    EventStream.Decision imported =
        signIn.next().decide(new EventStream.Write.SessionStored(SessionOrigin.IMPORT), T0, AFTER);

    assertThat(signIn.event().orElseThrow().type()).isEqualTo(ConnectionEventType.CONNECTED);
    assertThat(signIn.event().orElseThrow().sequence()).isEqualTo(1);
    assertThat(imported.event().orElseThrow().type()).isEqualTo(ConnectionEventType.IMPORTED);
    assertThat(imported.event().orElseThrow().sequence()).isEqualTo(2);
  }

  @Test
  void failingIsReportedOnceWhenTheRunReachesTheThreshold() {
    EventStream s = new EventStream(4, Optional.empty(), false);
    EventStream.Decision first = s.decide(refresh(STORED, failing(T0)), T0, AFTER);
    Instant later = T0.plus(AFTER);
    EventStream.Decision reached =
        first.next().decide(refresh(failing(T0), failing(later)), later, AFTER);
    EventStream.Decision again =
        reached
            .next()
            .decide(refresh(failing(later), failing(later.plusSeconds(60))), later, AFTER);

    assertThat(first.event()).isEmpty();
    assertThat(first.next().failingSince()).contains(T0);
    assertThat(reached.event().orElseThrow().type()).isEqualTo(ConnectionEventType.REFRESH_FAILING);
    assertThat(reached.event().orElseThrow().reason()).contains("garmin_unavailable");
    assertThat(reached.event().orElseThrow().sequence()).isEqualTo(5);
    assertThat(again.event()).isEmpty();
  }

  @Test
  void recoveryAfterAReportedRunIsAnnouncedAndAnUnreportedOneIsNot() {
    EventStream reported = new EventStream(5, Optional.of(T0), true);
    EventStream unreported = new EventStream(5, Optional.of(T0), false);
    Instant now = T0.plusSeconds(60);

    EventStream.Decision recovered =
        reported.decide(refresh(failing(T0), healthy(now)), now, AFTER);
    EventStream.Decision quiet = unreported.decide(refresh(failing(T0), healthy(now)), now, AFTER);

    assertThat(recovered.event().orElseThrow().type()).isEqualTo(ConnectionEventType.REFRESHED);
    assertThat(recovered.next()).isEqualTo(new EventStream(6, Optional.empty(), false));
    assertThat(quiet.event()).isEmpty();
    assertThat(quiet.next()).isEqualTo(new EventStream(5, Optional.empty(), false));
  }

  @Test
  void reauthAndDisconnectCarryTheirStatusAndReason() {
    EventStream.Decision reauth =
        EventStream.NEW.decide(
            refresh(STORED, STORED.requiringReauth("invalid_grant", T0)), T0, AFTER);
    EventStream.Decision gone = reauth.next().decide(new EventStream.Write.Deleted(), T0, AFTER);

    assertThat(reauth.event().orElseThrow().status()).isEqualTo(ConnectionStatus.REAUTH_REQUIRED);
    assertThat(reauth.event().orElseThrow().reason()).contains("invalid_grant");
    assertThat(gone.event().orElseThrow().type()).isEqualTo(ConnectionEventType.DISCONNECTED);
    assertThat(gone.event().orElseThrow().status()).isEqualTo(ConnectionStatus.DISCONNECTED);
  }

  @Test
  void onlyRefreshesNearAFailureConcernTheStream() {
    assertThat(EventStream.concerns(STORED, healthy(T0))).isFalse();
    assertThat(EventStream.concerns(STORED, failing(T0))).isTrue();
    assertThat(EventStream.concerns(failing(T0), healthy(T0))).isTrue();
    assertThat(EventStream.concerns(STORED, STORED.requiringReauth("invalid_grant", T0))).isTrue();
  }

  @Test
  void wireNamesRoundTrip() {
    for (ConnectionEventType type : ConnectionEventType.values()) {
      assertThat(ConnectionEventType.fromWireName(type.wireName())).contains(type);
    }
    assertThat(ConnectionEventType.fromWireName("connection.unknown")).isEmpty();
  }
}
