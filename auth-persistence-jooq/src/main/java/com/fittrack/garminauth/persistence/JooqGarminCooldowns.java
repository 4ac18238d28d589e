package com.fittrack.garminauth.persistence;

import static com.fittrack.garminauth.persistence.generated.Tables.GARMIN_COOLDOWN;

import com.fittrack.garminauth.core.application.port.out.GarminCooldowns;
import com.fittrack.garminauth.core.domain.GarminCooldown;
import com.fittrack.garminauth.persistence.generated.tables.records.GarminCooldownRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * {@link GarminCooldowns} on jOOQ: one row per Garmin host and egress. A block reads the row under
 * its lock and writes the next strike in the same transaction; the probe is claimed by one
 * conditional UPDATE, so of any number of instances exactly one sees a row changed.
 */
final class JooqGarminCooldowns implements GarminCooldowns {
  private final DSLContext dsl;

  JooqGarminCooldowns(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public Optional<GarminCooldown> find(String key) {
    GarminCooldown.requireKey(key);
    return StorageErrors.guard(
        "read a Garmin cooldown",
        () ->
            dsl.selectFrom(GARMIN_COOLDOWN)
                .where(GARMIN_COOLDOWN.COOLDOWN_KEY.eq(key))
                .fetchOptional()
                .map(JooqGarminCooldowns::cooldown));
  }

  @Override
  public GarminCooldown block(String key, Instant now, IntFunction<Instant> untilForStrikes) {
    GarminCooldown.requireKey(key);
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(untilForStrikes, "untilForStrikes");
    // Two first blocks may both find no row and both insert; the loser runs again and finds it.
    for (int attempt = 0; ; attempt++) {
      try {
        return dsl.transactionResult(cfg -> block(cfg.dsl(), key, now, untilForStrikes));
      } catch (DataAccessException e) {
        if (attempt < 5 && StorageErrors.isDuplicateKey(e)) {
          continue;
        }
        throw StorageErrors.unavailable("record a Garmin cooldown", e);
      }
    }
  }

  private static GarminCooldown block(
      DSLContext tx, String key, Instant now, IntFunction<Instant> untilForStrikes) {
    Optional<GarminCooldownRecord> old =
        tx.selectFrom(GARMIN_COOLDOWN)
            .where(GARMIN_COOLDOWN.COOLDOWN_KEY.eq(key))
            .forUpdate()
            .fetchOptional();
    int strikes = old.map(r -> r.getStrikes() + 1).orElse(1);
    Instant until = Objects.requireNonNull(untilForStrikes.apply(strikes), "until");
    if (old.isPresent() && Times.instant(old.get().getUntilAt()).isAfter(until)) {
      until = Times.instant(old.get().getUntilAt());
    }
    if (old.isEmpty()) {
      tx.insertInto(GARMIN_COOLDOWN)
          .set(GARMIN_COOLDOWN.COOLDOWN_KEY, key)
          .set(GARMIN_COOLDOWN.SINCE_AT, Times.db(now))
          .set(GARMIN_COOLDOWN.UNTIL_AT, Times.db(until))
          .set(GARMIN_COOLDOWN.STRIKES, strikes)
          .execute();
      return new GarminCooldown(key, now, until, strikes, Optional.empty());
    }
    tx.update(GARMIN_COOLDOWN)
        .set(GARMIN_COOLDOWN.UNTIL_AT, Times.db(until))
        .set(GARMIN_COOLDOWN.STRIKES, strikes)
        .setNull(GARMIN_COOLDOWN.PROBE_UNTIL)
        .where(GARMIN_COOLDOWN.COOLDOWN_KEY.eq(key))
        .execute();
    return new GarminCooldown(
        key, Times.instant(old.get().getSinceAt()), until, strikes, Optional.empty());
  }

  @Override
  public boolean tryClaimProbe(String key, Instant now, Instant claimUntil) {
    GarminCooldown.requireKey(key);
    OffsetDateTime at = Times.db(now);
    return StorageErrors.guard(
            "claim a Garmin cooldown probe",
            () ->
                dsl.update(GARMIN_COOLDOWN)
                    .set(GARMIN_COOLDOWN.PROBE_UNTIL, Times.db(claimUntil))
                    .where(GARMIN_COOLDOWN.COOLDOWN_KEY.eq(key))
                    .and(GARMIN_COOLDOWN.UNTIL_AT.le(at))
                    .and(
                        GARMIN_COOLDOWN.PROBE_UNTIL.isNull().or(GARMIN_COOLDOWN.PROBE_UNTIL.le(at)))
                    .execute())
        == 1;
  }

  @Override
  public void releaseProbe(String key) {
    GarminCooldown.requireKey(key);
    StorageErrors.guard(
        "release a Garmin cooldown probe",
        () ->
            dsl.update(GARMIN_COOLDOWN)
                .setNull(GARMIN_COOLDOWN.PROBE_UNTIL)
                .where(GARMIN_COOLDOWN.COOLDOWN_KEY.eq(key))
                .execute());
  }

  @Override
  public boolean clear(String key) {
    GarminCooldown.requireKey(key);
    return StorageErrors.guard(
            "clear a Garmin cooldown",
            () ->
                dsl.deleteFrom(GARMIN_COOLDOWN)
                    .where(GARMIN_COOLDOWN.COOLDOWN_KEY.eq(key))
                    .execute())
        == 1;
  }

  @Override
  public List<GarminCooldown> all() {
    return StorageErrors.guard(
        "list Garmin cooldowns",
        () ->
            dsl.selectFrom(GARMIN_COOLDOWN)
                .orderBy(GARMIN_COOLDOWN.COOLDOWN_KEY)
                .fetch(JooqGarminCooldowns::cooldown));
  }

  private static GarminCooldown cooldown(GarminCooldownRecord r) {
    return new GarminCooldown(
        r.getCooldownKey(),
        Times.instant(r.getSinceAt()),
        Times.instant(r.getUntilAt()),
        r.getStrikes(),
        Times.optional(r.getProbeUntil()));
  }
}
