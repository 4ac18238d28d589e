package com.fittrack.garminauth.persistence;

import static com.fittrack.garminauth.persistence.StorageErrors.guard;
import static com.fittrack.garminauth.persistence.generated.Tables.GARMIN_CONNECTION;
import static com.fittrack.garminauth.persistence.generated.Tables.MFA_CHALLENGE;

import com.fittrack.garminauth.persistence.generated.tables.records.GarminConnectionRecord;
import com.fittrack.garminauth.persistence.generated.tables.records.MfaChallengeRecord;
import org.jooq.DSLContext;

/**
 * Re-seals every row that still carries an older key with the active one, one batch per
 * transaction. Progress lives in the rows themselves ({@code sealed_key_id}), so an interrupted run
 * is resumed by running it again. A re-seal changes no value, so it keeps the row's version and
 * writes only if the version is unchanged: a concurrent write wins and seals with the active key
 * itself.
 */
final class Rekeyer {
  private final DSLContext dsl;
  private final ConnectionRows connections;
  private final JooqChallengeRepository challenges;
  private final String activeKeyId;

  Rekeyer(
      DSLContext dsl,
      ConnectionRows connections,
      JooqChallengeRepository challenges,
      String activeKeyId) {
    this.dsl = dsl;
    this.connections = connections;
    this.challenges = challenges;
    this.activeKeyId = activeKeyId;
  }

  RekeyReport run(int batchSize) {
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("batchSize must be 1-10000");
    }
    int connectionsDone = 0;
    int done;
    while ((done =
            guard(
                "rekey connections",
                () -> dsl.transactionResult(cfg -> connectionBatch(cfg.dsl(), batchSize))))
        > 0) {
      connectionsDone += done;
    }
    int challengesDone = 0;
    while ((done =
            guard(
                "rekey challenges",
                () -> dsl.transactionResult(cfg -> challengeBatch(cfg.dsl(), batchSize))))
        > 0) {
      challengesDone += done;
    }
    long remaining =
        guard(
            "count rows to rekey",
            () ->
                (long)
                        dsl.fetchCount(
                            GARMIN_CONNECTION, GARMIN_CONNECTION.SEALED_KEY_ID.ne(activeKeyId))
                    + dsl.fetchCount(MFA_CHALLENGE, MFA_CHALLENGE.SEALED_KEY_ID.ne(activeKeyId)));
    return new RekeyReport(activeKeyId, connectionsDone, challengesDone, remaining);
  }

  /** Re-seals up to {@code size} connections; returns how many it wrote (0 = nothing left). */
  private int connectionBatch(DSLContext tx, int size) {
    int written = 0;
    for (GarminConnectionRecord r :
        tx.selectFrom(GARMIN_CONNECTION)
            .where(GARMIN_CONNECTION.SEALED_KEY_ID.ne(activeKeyId))
            .orderBy(GARMIN_CONNECTION.USER_ID)
            .limit(size)
            .fetch()) {
      written +=
          tx.update(GARMIN_CONNECTION)
              .set(connections.resealed(r))
              .where(GARMIN_CONNECTION.USER_ID.eq(r.getUserId()))
              .and(GARMIN_CONNECTION.VERSION.eq(r.getVersion()))
              .and(GARMIN_CONNECTION.SEALED_KEY_ID.eq(r.getSealedKeyId()))
              .execute();
    }
    return written;
  }

  private int challengeBatch(DSLContext tx, int size) {
    int written = 0;
    for (MfaChallengeRecord r :
        tx.selectFrom(MFA_CHALLENGE)
            .where(MFA_CHALLENGE.SEALED_KEY_ID.ne(activeKeyId))
            .orderBy(MFA_CHALLENGE.CHALLENGE_ID)
            .limit(size)
            .fetch()) {
      written +=
          tx.update(MFA_CHALLENGE)
              .set(MFA_CHALLENGE.RESUME_STATE_SEALED, challenges.reseal(r))
              .set(MFA_CHALLENGE.SEALED_KEY_ID, activeKeyId)
              .where(MFA_CHALLENGE.CHALLENGE_ID.eq(r.getChallengeId()))
              .and(MFA_CHALLENGE.SEALED_KEY_ID.eq(r.getSealedKeyId()))
              .execute();
    }
    return written;
  }
}
