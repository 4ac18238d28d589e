package com.fittrack.garminauth.persistence;

import static com.fittrack.garminauth.persistence.StorageErrors.guard;
import static com.fittrack.garminauth.persistence.generated.Tables.MFA_CHALLENGE;

import com.fittrack.garminauth.core.application.port.out.ChallengeRepository;
import com.fittrack.garminauth.core.domain.ChallengeId;
import com.fittrack.garminauth.core.domain.MfaChallenge;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.crypto.Sealer;
import com.fittrack.garminauth.persistence.generated.tables.records.MfaChallengeRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * {@link ChallengeRepository} on jOOQ. Taking an attempt is one conditional UPDATE (not expired,
 * attempts left, not locked), so of two concurrent code submissions exactly one gets to Garmin.
 */
final class JooqChallengeRepository implements ChallengeRepository {
  static final String RESUME_STATE_COLUMN = "mfa_challenge.resume_state_sealed";

  private final DSLContext dsl;
  private final Sealer sealer;

  JooqChallengeRepository(DSLContext dsl, Sealer sealer) {
    this.dsl = dsl;
    this.sealer = sealer;
  }

  @Override
  public void save(MfaChallenge c) {
    Objects.requireNonNull(c, "challenge");
    MfaChallengeRecord r = new MfaChallengeRecord();
    r.setChallengeId(c.id().value());
    r.setUserId(c.userId().value());
    r.setMethod(c.method().value());
    r.setResumeStateSealed(
        sealer.seal(
            c.resumeState().reveal(),
            owner(c.userId().value(), c.id().value()),
            RESUME_STATE_COLUMN));
    r.setSealedKeyId(sealer.keys().active().id());
    r.setAttempts(c.attempts());
    r.setMaxAttempts(c.maxAttempts());
    r.setCreatedAt(Times.db(c.createdAt()));
    r.setExpiresAt(Times.db(c.expiresAt()));
    r.setAttemptLockedUntil(Times.db(c.attemptLockedUntil()));
    try {
      dsl.insertInto(MFA_CHALLENGE).set(r).execute();
    } catch (DataAccessException e) {
      if (StorageErrors.isDuplicateKey(e)) {
        throw StorageException.concurrentUpdate("a challenge with this id already exists");
      }
      throw StorageErrors.unavailable("save challenge", e);
    }
  }

  @Override
  public Optional<MfaChallenge> find(ChallengeId id) {
    Objects.requireNonNull(id, "id");
    return guard("find challenge", () -> fetch(dsl, id)).map(this::read);
  }

  @Override
  public Optional<MfaChallenge> beginAttempt(ChallengeId id, Instant now, Instant lockedUntil) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(lockedUntil, "lockedUntil");
    return guard(
        "begin challenge attempt",
        () ->
            dsl.transactionResult(
                cfg -> {
                  DSLContext tx = cfg.dsl();
                  int taken =
                      tx.update(MFA_CHALLENGE)
                          .set(MFA_CHALLENGE.ATTEMPTS, MFA_CHALLENGE.ATTEMPTS.plus(1))
                          .set(MFA_CHALLENGE.ATTEMPT_LOCKED_UNTIL, Times.db(lockedUntil))
                          .where(MFA_CHALLENGE.CHALLENGE_ID.eq(id.value()))
                          .and(MFA_CHALLENGE.EXPIRES_AT.gt(Times.db(now)))
                          .and(MFA_CHALLENGE.ATTEMPTS.lt(MFA_CHALLENGE.MAX_ATTEMPTS))
                          .and(
                              MFA_CHALLENGE
                                  .ATTEMPT_LOCKED_UNTIL
                                  .isNull()
                                  .or(MFA_CHALLENGE.ATTEMPT_LOCKED_UNTIL.le(Times.db(now))))
                          .execute();
                  return taken == 0
                      ? Optional.<MfaChallenge>empty()
                      : fetch(tx, id).map(this::read);
                }));
  }

  @Override
  public void endAttempt(ChallengeId id, boolean countAttempt) {
    Objects.requireNonNull(id, "id");
    guard(
        "end challenge attempt",
        () ->
            dsl.update(MFA_CHALLENGE)
                .setNull(MFA_CHALLENGE.ATTEMPT_LOCKED_UNTIL)
                .set(
                    MFA_CHALLENGE.ATTEMPTS,
                    countAttempt
                        ? MFA_CHALLENGE.ATTEMPTS
                        : DSL.greatest(MFA_CHALLENGE.ATTEMPTS.minus(1), DSL.inline(0)))
                .where(MFA_CHALLENGE.CHALLENGE_ID.eq(id.value()))
                .execute());
  }

  @Override
  public boolean delete(ChallengeId id) {
    Objects.requireNonNull(id, "id");
    return guard(
            "delete challenge",
            () ->
                dsl.deleteFrom(MFA_CHALLENGE)
                    .where(MFA_CHALLENGE.CHALLENGE_ID.eq(id.value()))
                    .execute())
        > 0;
  }

  @Override
  public int deleteAllFor(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    return guard(
        "delete challenges of user",
        () ->
            dsl.deleteFrom(MFA_CHALLENGE)
                .where(MFA_CHALLENGE.USER_ID.eq(userId.value()))
                .execute());
  }

  @Override
  public int deleteExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return guard(
        "purge expired challenges",
        () ->
            dsl.deleteFrom(MFA_CHALLENGE)
                .where(MFA_CHALLENGE.EXPIRES_AT.le(Times.db(now)))
                .execute());
  }

  /** Opens the resume state and re-seals it with the active key (for rekey). */
  String reseal(MfaChallengeRecord r) {
    String owner = owner(r.getUserId(), r.getChallengeId());
    return sealer.seal(open(r, owner), owner, RESUME_STATE_COLUMN);
  }

  private MfaChallenge read(MfaChallengeRecord r) {
    String clear = open(r, owner(r.getUserId(), r.getChallengeId()));
    return new MfaChallenge(
        ChallengeId.of(r.getChallengeId()),
        UserId.of(r.getUserId()),
        MfaMethod.of(r.getMethod()),
        Secret.of(clear),
        r.getAttempts(),
        r.getMaxAttempts(),
        Times.instant(r.getCreatedAt()),
        Times.instant(r.getExpiresAt()),
        Times.optional(r.getAttemptLockedUntil()));
  }

  private String open(MfaChallengeRecord r, String owner) {
    try {
      return sealer.open(r.getResumeStateSealed(), owner, RESUME_STATE_COLUMN);
    } catch (Sealer.UnreadableValueException e) {
      throw StorageErrors.unreadable(r.getUserId(), RESUME_STATE_COLUMN, e);
    }
  }

  /**
   * The resume state is bound to the user and to its challenge, so it cannot be replayed under
   * another challenge id of the same user either.
   */
  private static String owner(String userId, String challengeId) {
    return userId + "/" + challengeId;
  }

  private static Optional<MfaChallengeRecord> fetch(DSLContext ctx, ChallengeId id) {
    return ctx.selectFrom(MFA_CHALLENGE)
        .where(MFA_CHALLENGE.CHALLENGE_ID.eq(id.value()))
        .fetchOptional();
  }
}
