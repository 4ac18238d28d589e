package com.fittrack.garminauth.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.GarminAuth;
import com.fittrack.garminauth.core.application.port.in.AccessToken;
import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.testkit.contract.Race;
import com.fittrack.garminauth.testkit.contract.SampleSessions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The core facade on a real database: twenty workers asking for an expired token make Garmin see
 * one refresh, and all of them get its token.
 */
@Tag("integration")
abstract class FacadeOnDatabaseContract {
  private static final Instant NOW = TestDatabases.CLOCK.instant();

  /** A migrated database for this test; closed by the caller. */
  abstract GarminAuthDatabase database();

  @Test
  void twentyWorkersAtExpiryMakeGarminRefreshOnce() {
    GarminAuthDatabase db = database();
    UserId user = UserId.of("expiring-user");
    // Signed in an hour ago: 5 s before expiry the token is in the last tenth of its life, due.
    db.connections()
        .insert(SampleSessions.connected(user, NOW.minusSeconds(3600), NOW.plusSeconds(5)));
    CountingGarmin garmin = new CountingGarmin();
    GarminAuth auth =
        GarminAuth.builder()
            .connections(db.connections())
            .challenges(db.challenges())
            .loginAttempts(db.loginAttempts())
            .authenticator(garmin)
            .clock(TestDatabases.CLOCK)
            .build();

    List<Race.Outcome<AccessToken>> tokens = Race.run(20, racer -> auth.accessToken(user));

    assertThat(tokens).allSatisfy(t -> assertThat(t.failure()).isNull());
    assertThat(garmin.refreshes).hasValue(1);
    Secret stored = db.connections().find(user).orElseThrow().credentials().accessToken();
    assertThat(tokens).allSatisfy(t -> assertThat(t.value().token()).isEqualTo(stored));
  }

  /** Refreshes instantly with new DI tokens and counts how often it was asked. */
  private static final class CountingGarmin implements GarminAuthenticator {
    final AtomicInteger refreshes = new AtomicInteger();

    @Override
    public GarminCredentials refresh(GarminCredentials current) {
      refreshes.incrementAndGet();
      return SampleSessions.diCredentials(NOW.plusSeconds(3600));
    }

    @Override
    public SignInOutcome signIn(String email, Secret password) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public SignInOutcome.SignedIn completeMfa(MfaMethod method, Secret resumeState, String code) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public Optional<GarminIdentity> identify(GarminCredentials credentials) {
      return Optional.empty();
    }
  }
}
