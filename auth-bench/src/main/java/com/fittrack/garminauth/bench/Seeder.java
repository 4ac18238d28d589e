package com.fittrack.garminauth.bench;

import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Fills a database with benchmark users {@code bench-0000000 ...} through the real repository (so
 * every row is sealed as production seals it), with DI tokens of realistic size: Garmin's access
 * token is a JWT of about 1.2 kB, its refresh token about 0.6 kB.
 */
public final class Seeder {
  static final int ACCESS_TOKEN_CHARS = 1200;
  static final int REFRESH_TOKEN_CHARS = 600;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Seeder() {}

  public static UserId user(int index) {
    return UserId.of(String.format("bench-%07d", index));
  }

  /** A random token of {@code chars} base64url characters. */
  static Secret token(int chars) {
    byte[] bytes = new byte[chars * 3 / 4 + 3];
    RANDOM.nextBytes(bytes);
    return Secret.of(
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, chars));
  }

  static DiOAuth2Credentials credentials(Instant accessExpiresAt) {
    return new DiOAuth2Credentials(
        token(ACCESS_TOKEN_CHARS),
        token(REFRESH_TOKEN_CHARS),
        "GARMIN_CONNECT_MOBILE_ANDROID_DI",
        accessExpiresAt,
        Optional.of(accessExpiresAt.plus(Duration.ofDays(90))));
  }

  /**
   * Makes sure users {@code 0..count-1} exist, inserting the missing ones with access tokens valid
   * until {@code validUntil}. Returns how many were inserted.
   */
  public static int ensure(GarminAuthDatabase db, int count, Instant validUntil) {
    Set<String> existing = existingIds(db.dataSource());
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (!existing.contains(user(i).value())) {
        missing.add(i);
      }
    }
    if (missing.isEmpty()) {
      return 0;
    }
    int threads = Math.min(4, Math.max(1, missing.size() / 500));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        parts.add(
            pool.submit(
                () -> {
                  Instant now = Instant.now();
                  for (int k = offset; k < missing.size(); k += threads) {
                    db.connections()
                        .insert(
                            GarminConnection.connect(
                                user(missing.get(k)),
                                credentials(validUntil),
                                Optional.of(new GarminIdentity("Runner", Optional.of("42"))),
                                now));
                  }
                }));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("seeding failed", e);
    } finally {
      pool.shutdownNow();
    }
    return missing.size();
  }

  /**
   * Makes the access tokens of users {@code 0..count-1} expire at {@code expiresAt} and frees their
   * leases, straight in SQL: the sweeper then finds exactly those due. The tokens are dated a day
   * before that expiry, so that the sweeper's horizon applies unbounded (a token is refreshed only
   * in the last tenth of its lifetime, here 2.4 hours).
   */
  public static int makeDue(DataSource dataSource, int count, Instant expiresAt) {
    String sql =
        "UPDATE garmin_connection SET access_expires_at = ?, connected_at = ?,"
            + " last_refreshed_at = NULL, lease_holder = NULL,"
            + " lease_until = NULL, last_failure_code = NULL, last_failure_at = NULL"
            + " WHERE user_id LIKE 'bench-%' AND user_id < ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
      ps.setObject(
          2, OffsetDateTime.ofInstant(expiresAt.minus(Duration.ofDays(1)), ZoneOffset.UTC));
      ps.setString(3, user(count).value());
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not make tokens due: " + e.getSQLState(), e);
    }
  }

  static Set<String> existingIds(DataSource dataSource) {
    Set<String> ids = new HashSet<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT user_id FROM garmin_connection WHERE user_id LIKE 'bench-%'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not list benchmark users: " + e.getSQLState(), e);
    }
    return ids;
  }
}
