package com.fittrack.garminauth.persistence;

import static com.fittrack.garminauth.persistence.generated.Tables.LOGIN_ATTEMPT;

import com.fittrack.garminauth.core.application.port.out.LoginAttemptStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * {@link LoginAttemptStore} on jOOQ: one row per key and window, counted up by an UPDATE that holds
 * the row lock, so concurrent attempts each get their own count. Keys are stored as SHA-256 hashes:
 * they are often e-mail addresses, which this table has no need to keep.
 */
final class JooqLoginAttemptStore implements LoginAttemptStore {
  private final DSLContext dsl;

  JooqLoginAttemptStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public long recordAttempt(String key, Instant windowStart) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(windowStart, "windowStart");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key must not be empty");
    }
    String hash = sha256(key);
    OffsetDateTime window = Times.db(windowStart);
    // Two first attempts may both find no row and both insert; the loser's transaction fails on
    // the primary key and simply runs again, now finding the row.
    for (int attempt = 0; ; attempt++) {
      try {
        return dsl.transactionResult(cfg -> count(cfg.dsl(), hash, window));
      } catch (DataAccessException e) {
        if (attempt < 5 && StorageErrors.isDuplicateKey(e)) {
          continue;
        }
        throw StorageErrors.unavailable("record sign-in attempt", e);
      }
    }
  }

  private static long count(DSLContext tx, String hash, OffsetDateTime window) {
    int updated =
        tx.update(LOGIN_ATTEMPT)
            .set(LOGIN_ATTEMPT.ATTEMPT_COUNT, LOGIN_ATTEMPT.ATTEMPT_COUNT.plus(1))
            .where(LOGIN_ATTEMPT.KEY_HASH.eq(hash))
            .and(LOGIN_ATTEMPT.WINDOW_START.eq(window))
            .execute();
    if (updated == 0) {
      tx.insertInto(LOGIN_ATTEMPT)
          .set(LOGIN_ATTEMPT.KEY_HASH, hash)
          .set(LOGIN_ATTEMPT.WINDOW_START, window)
          .set(LOGIN_ATTEMPT.ATTEMPT_COUNT, 1L)
          .execute();
    }
    tx.deleteFrom(LOGIN_ATTEMPT)
        .where(LOGIN_ATTEMPT.KEY_HASH.eq(hash))
        .and(LOGIN_ATTEMPT.WINDOW_START.lt(window))
        .execute();
    return tx.select(LOGIN_ATTEMPT.ATTEMPT_COUNT)
        .from(LOGIN_ATTEMPT)
        .where(LOGIN_ATTEMPT.KEY_HASH.eq(hash))
        .and(LOGIN_ATTEMPT.WINDOW_START.eq(window))
        .fetchSingle(LOGIN_ATTEMPT.ATTEMPT_COUNT);
  }

  private static String sha256(String key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
