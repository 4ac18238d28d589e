package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.in.ManageGarminCooldowns;
import com.fittrack.garminauth.core.application.port.out.GarminCooldowns;
import com.fittrack.garminauth.core.domain.GarminCooldown;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The operator's side of the cooldown store. */
public final class GarminCooldownAdmin implements ManageGarminCooldowns {
  private final GarminCooldowns store;
  private final CooldownKeys keys;
  private final Clock clock;

  GarminCooldownAdmin(GarminCooldowns store, CooldownKeys keys, Clock clock) {
    this.store = store;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public List<GarminCooldown> cooldowns() {
    return store.all();
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public boolean clearCooldown(String key) {
    return store.clear(GarminCooldown.requireKey(key));
  }

  /** The keys this instance's sign-ins and refreshes are held by. */
  public CooldownKeys keys() {
    return keys;
  }

  /** How many cooldowns refuse calls right now (for the gauge). */
  public long activeCount() {
    Instant now = clock.instant();
    return store.all().stream().filter(c -> c.isActive(now) || c.probing(now)).count();
  }
}
