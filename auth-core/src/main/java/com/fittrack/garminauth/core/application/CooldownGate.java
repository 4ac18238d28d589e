package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.out.GarminCooldowns;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.GarminCooldown;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The shared cooldown check that every sign-in and refresh passes before it goes to Garmin (ADR
 * 0113). While a cooldown on the call's host and egress lasts, the call is refused with {@code
 * rate_limited} and the time left, and Garmin sees nothing. When it has run out, exactly one caller
 * (in any process) is let through as the probe; the others keep waiting until the probe's verdict:
 * an answer from Garmin ends the cooldown, another pushback extends it (backing off exponentially
 * when Garmin gives no {@code Retry-After}).
 */
final class CooldownGate {
  /** A Retry-After longer than this is taken as this: no value from outside is trusted blindly. */
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

  /** Leave to go to Garmin: {@code probe} when this call decides the cooldown's fate. */
  record Pass(String key, boolean probe) {}

  private final GarminCooldowns store;
  private final AuthPolicy policy;
  private final Clock clock;

  CooldownGate(GarminCooldowns store, AuthPolicy policy, Clock clock) {
    this.store = store;
    this.policy = policy;
    this.clock = clock;
  }

  /** Lets a call to {@code key} go out, or throws {@code rate_limited} with the time left. */
  Pass enter(String key, String what) {
    Optional<GarminCooldown> found = store.find(key);
    if (found.isEmpty()) {
      return new Pass(key, false);
    }
    Instant now = clock.instant();
    GarminCooldown cooldown = found.get();
    if (!cooldown.isActive(now) && store.tryClaimProbe(key, now, now.plus(policy.refreshLease()))) {
      return new Pass(key, true);
    }
    if (!cooldown.isActive(now)) {
      // Someone else probes, or just ended the cooldown: look again.
      Optional<GarminCooldown> again = store.find(key);
      if (again.isEmpty()) {
        return new Pass(key, false);
      }
      cooldown = again.get();
    }
    throw refused(cooldown, what, now);
  }

  /** Throws {@code rate_limited} while a cooldown or its probe lasts; claims nothing. */
  void refuseWhileCooling(String key, String what) {
    Instant now = clock.instant();
    Optional<GarminCooldown> found = store.find(key).filter(c -> c.isActive(now) || c.probing(now));
    if (found.isPresent()) {
      throw refused(found.get(), what, now);
    }
  }

  /** Whether a call to {@code key} would be refused now (no probe is claimed by asking). */
  Optional<Duration> refusedFor(String key) {
    Instant now = clock.instant();
    return store
        .find(key)
        .filter(c -> c.isActive(now) || c.probing(now))
        .map(c -> c.retryAfter(now));
  }

  /** Garmin answered (with a success or a definite verdict): a cooldown it probed ends. */
  void answered(Pass pass) {
    if (pass.probe()) {
      store.clear(pass.key());
    }
  }

  /**
   * The call failed with {@code e}: a rate limit (429, block page, captcha) starts or extends the
   * cooldown; Garmin not answering leaves it to the next probe; any other answer ends it.
   */
  void failed(Pass pass, GarminAuthException e) {
    try {
      if (e.code() == ErrorCode.RATE_LIMITED) {
        block(pass.key(), e.retryAfter());
      } else if (e.code() == ErrorCode.GARMIN_UNAVAILABLE || e instanceof StorageException) {
        if (pass.probe()) {
          store.releaseProbe(pass.key());
        }
      } else {
        answered(pass);
      }
    } catch (StorageException storageFailure) {
      // The caller's own failure is what it must learn; the next pushback records the cooldown.
    }
  }

  GarminCooldown block(String key, Optional<Duration> retryAfter) {
    Instant now = clock.instant();
    return store.block(key, now, strikes -> now.plus(wait(strikes, retryAfter)));
  }

  /** Garmin's Retry-After when given (at most a day), else 1 min doubling per strike up to max. */
  Duration wait(int strikes, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent() && retryAfter.get().compareTo(Duration.ofSeconds(1)) >= 0) {
      return retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
    }
    Duration max = policy.cooldownMax();
    Duration d = policy.cooldownBase();
    for (int i = 1; i < strikes && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }

  private static GarminUnavailableException refused(
      GarminCooldown cooldown, String what, Instant now) {
    return GarminUnavailableException.rateLimited(
        "Garmin is rate limiting "
            + what
            + " from this service; nothing was sent to Garmin, retry after the cooldown",
        cooldown.retryAfter(now));
  }
}
