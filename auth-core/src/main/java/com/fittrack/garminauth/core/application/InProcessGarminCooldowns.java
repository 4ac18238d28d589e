package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.out.GarminCooldowns;
import com.fittrack.garminauth.core.domain.GarminCooldown;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * Cooldowns in this process's memory: the default when no shared store is configured, correct for
 * one process only (the testkit's in-memory adapter is this class). Every change is one {@code
 * compute} on the key, so each method is atomic.
 */
public class InProcessGarminCooldowns implements GarminCooldowns {
  private final ConcurrentMap<String, GarminCooldown> cooldowns = new ConcurrentHashMap<>();

  @Override
  public Optional<GarminCooldown> find(String key) {
    return Optional.ofNullable(cooldowns.get(GarminCooldown.requireKey(key)));
  }

  @Override
  public GarminCooldown block(String key, Instant now, IntFunction<Instant> untilForStrikes) {
    GarminCooldown.requireKey(key);
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(untilForStrikes, "untilForStrikes");
    return cooldowns.compute(
        key,
        (k, old) -> {
          int strikes = old == null ? 1 : old.strikes() + 1;
          Instant until = Objects.requireNonNull(untilForStrikes.apply(strikes), "until");
          if (old != null && old.until().isAfter(until)) {
            until = old.until();
          }
          return new GarminCooldown(
              k, old == null ? now : old.since(), until, strikes, Optional.empty());
        });
  }

  @Override
  public boolean tryClaimProbe(String key, Instant now, Instant claimUntil) {
    GarminCooldown.requireKey(key);
    AtomicBoolean claimed = new AtomicBoolean();
    cooldowns.computeIfPresent(
        key,
        (k, c) -> {
          if (c.isActive(now) || c.probing(now)) {
            return c;
          }
          claimed.set(true);
          return new GarminCooldown(k, c.since(), c.until(), c.strikes(), Optional.of(claimUntil));
        });
    return claimed.get();
  }

  @Override
  public void releaseProbe(String key) {
    cooldowns.computeIfPresent(
        GarminCooldown.requireKey(key),
        (k, c) -> new GarminCooldown(k, c.since(), c.until(), c.strikes(), Optional.empty()));
  }

  @Override
  public boolean clear(String key) {
    return cooldowns.remove(GarminCooldown.requireKey(key)) != null;
  }

  @Override
  public List<GarminCooldown> all() {
    return cooldowns.values().stream().sorted(Comparator.comparing(GarminCooldown::key)).toList();
  }
}
