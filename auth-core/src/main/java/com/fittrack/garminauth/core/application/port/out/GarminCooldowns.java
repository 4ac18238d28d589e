package com.fittrack.garminauth.core.application.port.out;

import com.fittrack.garminauth.core.domain.GarminCooldown;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Where Garmin's pushbacks are remembered, shared by every process: one {@link GarminCooldown} per
 * Garmin host and egress. Each method is atomic on its own; the contract suite in auth-testkit pins
 * the rules down.
 *
 * <p>Failures: an unreachable database is a {@code StorageException} with {@code
 * storage_unavailable}. No method returns {@code null}.
 */
public interface GarminCooldowns {

  /** The cooldown recorded for {@code key} (active, expired or being probed), if any. */
  Optional<GarminCooldown> find(String key);

  /**
   * Records one more block on {@code key} at {@code now}: {@code strikes} becomes one more than
   * stored (1 when nothing was), {@code until} the later of the stored one and {@code
   * untilForStrikes.apply(strikes)}, and any probe claim ends. Returns the cooldown as stored.
   */
  GarminCooldown block(String key, Instant now, IntFunction<Instant> untilForStrikes);

  /**
   * Claims the single probe of a cooldown that has run out: succeeds for exactly one of any number
   * of concurrent callers, and only while {@code until <= now} and no other probe claim is live
   * ({@code probeUntil} absent or {@code <= now}). The claim lasts until {@code claimUntil}.
   */
  boolean tryClaimProbe(String key, Instant now, Instant claimUntil);

  /** Ends a probe claim without a verdict (Garmin could not be reached); no-op when none. */
  void releaseProbe(String key);

  /** Garmin answered again: forgets the cooldown and its strikes. Returns whether there was one. */
  boolean clear(String key);

  /** Every recorded cooldown, by key (for health, metrics and operators). */
  List<GarminCooldown> all();
}
