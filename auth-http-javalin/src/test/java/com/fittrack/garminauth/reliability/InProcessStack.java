package com.fittrack.garminauth.reliability;

import com.fittrack.garminauth.core.GarminAuth;
import com.fittrack.garminauth.core.application.AuthPolicy;
import com.fittrack.garminauth.core.application.port.in.LoginCommand;
import com.fittrack.garminauth.core.application.port.in.LoginResult;
import com.fittrack.garminauth.core.domain.AuthEvent;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.garmin.GarminClient;
import com.fittrack.garminauth.garmin.GarminEndpoints;
import com.fittrack.garminauth.garmin.http.Transport;
import com.fittrack.garminauth.persistence.DatabaseSettings;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The production adapters in one process: the core facade on the jOOQ repository (PostgreSQL, a
 * fresh schema) and the real Garmin client talking HTTP to FakeGarmin, all on one clock.
 */
final class InProcessStack implements AutoCloseable {
  /** Short enough that a timed-out refresh costs the test one second, not ten. */
  static final Transport FAST_TIMEOUTS =
      Transport.defaults()
          .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

  final GarminAuthDatabase database;
  final GarminAuth auth;
  final List<AuthEvent> events = new CopyOnWriteArrayList<>();

  InProcessStack(
      PostgresTestDatabase pg, FakeGarmin fake, Clock clock, AuthPolicy policy, int poolSize) {
    database =
        GarminAuthDatabase.open(
            DatabaseSettings.postgres(pg.jdbcUrl(), pg.user(), pg.password())
                .withMaxPoolSize(poolSize),
            KeyRing.parse(KeyRing.generateKeySpec()),
            clock);
    database.migrate();
    GarminClient client =
        GarminClient.builder()
            .endpoints(
                GarminEndpoints.custom(fake.ssoUrl(), fake.connectApiUrl(), fake.diAuthUrl()))
            .allowCustomEndpoints(true)
            .oauthConsumer(FakeGarmin.CONSUMER_KEY, Secret.of(FakeGarmin.CONSUMER_SECRET))
            .transport(FAST_TIMEOUTS)
            .clock(clock)
            .build();
    auth =
        GarminAuth.builder()
            .connections(database.connections())
            .challenges(database.challenges())
            .loginAttempts(database.loginAttempts())
            .authenticator(client)
            .clock(clock)
            .policy(policy)
            .listener(events::add)
            .build();
  }

  /** Signs {@code userId} in through FakeGarmin's real SSO pages and stores the session. */
  void connect(String userId, String email, String password) {
    LoginResult result = auth.login(LoginCommand.of(userId, email, password));
    if (!(result instanceof LoginResult.Connected)) {
      throw new IllegalStateException("expected a connection without MFA, got " + result);
    }
  }

  long count(Class<? extends AuthEvent> type) {
    return events.stream().filter(type::isInstance).count();
  }

  @Override
  public void close() {
    database.close();
  }

  /** Closes what was opened, in order, skipping what never was (a failed start). */
  static void closeAll(AutoCloseable... resources) throws Exception {
    for (AutoCloseable r : resources) {
      if (r != null) {
        r.close();
      }
    }
  }
}
