package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.GarminCooldown;
import java.time.Instant;
import java.util.List;

/**
 * What an operator sees and does about Garmin's pushbacks: the cooldowns recorded now (shared by
 * every instance), and clearing one (the next call goes straight to Garmin, with fresh backoff).
 *
 * <pre>{@code
 * auth.cooldowns().forEach(c -> System.out.println(c.key() + " until " + c.until()));
 * auth.clearCooldown("sso.garmin.com|direct");
 * }</pre>
 */
public interface ManageGarminCooldowns {

  /** Every recorded cooldown, active, run out or being probed, by key. */
  List<GarminCooldown> cooldowns();

  /** The time the cooldowns are judged by (the use cases' clock). */
  Instant now();

  /** Forgets the cooldown on {@code key}; returns whether there was one. */
  boolean clearCooldown(String key);
}
