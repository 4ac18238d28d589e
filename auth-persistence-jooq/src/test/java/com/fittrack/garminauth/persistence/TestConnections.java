package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Connections whose tokens and display name carry a tag, for the near-cache tests. */
final class TestConnections {
  static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");

  private TestConnections() {}

  /** Connected at {@link #T0}, "Runner {tag}", tokens "access-{tag}" and "refresh-{tag}". */
  static GarminConnection connection(UserId user, String tag, Instant accessExpiresAt) {
    return connection(user, tag, accessExpiresAt, T0);
  }

  /** The same, connected at {@code connectedAt} (when its token was issued). */
  static GarminConnection connection(
      UserId user, String tag, Instant accessExpiresAt, Instant connectedAt) {
    return GarminConnection.connect(
        user,
        credentials(tag, accessExpiresAt),
        Optional.of(new GarminIdentity("Runner " + tag, Optional.empty())),
        connectedAt);
  }

  static DiOAuth2Credentials credentials(String tag, Instant accessExpiresAt) {
    return new DiOAuth2Credentials(
        Secret.of("access-" + tag),
        Secret.of("refresh-" + tag),
        "client-" + tag,
        accessExpiresAt,
        Optional.of(accessExpiresAt.plus(Duration.ofDays(30))));
  }
}
