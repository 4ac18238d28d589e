package com.fittrack.garminauth.server;

import com.fittrack.garminauth.core.application.port.in.ManageGarminCooldowns;
import com.fittrack.garminauth.core.domain.GarminCooldown;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;

/**
 * Gauges of Garmin's pushbacks, read from the shared store at scrape time (cached for a few
 * seconds): how many cooldowns refuse calls now, and the longest wait left.
 */
final class CooldownMetrics {
  private static final long MAX_AGE_NANOS = 5_000_000_000L;
  private final ManageGarminCooldowns cooldowns;
  private List<GarminCooldown> last = List.of();
  private long readAt;

  private CooldownMetrics(ManageGarminCooldowns cooldowns) {
    this.cooldowns = cooldowns;
  }

  static void register(MeterRegistry registry, ManageGarminCooldowns cooldowns) {
    CooldownMetrics m = new CooldownMetrics(cooldowns);
    Gauge.builder("garmin_auth_garmin_cooldowns_active", m, CooldownMetrics::active)
        .description("Garmin cooldowns refusing sign-ins or refreshes now (all instances)")
        .strongReference(true)
        .register(registry);
    Gauge.builder("garmin_auth_garmin_cooldown_remaining_seconds", m, CooldownMetrics::remaining)
        .description("The longest time left on a Garmin cooldown (0: none)")
        .strongReference(true)
        .register(registry);
  }

  private double active() {
    Instant now = cooldowns.now();
    return current().stream().filter(c -> c.isActive(now) || c.probing(now)).count();
  }

  private double remaining() {
    Instant now = cooldowns.now();
    return current().stream()
        .filter(c -> c.isActive(now) || c.probing(now))
        .mapToLong(c -> c.retryAfter(now).toSeconds())
        .max()
        .orElse(0);
  }

  private synchronized List<GarminCooldown> current() {
    long now = System.nanoTime();
    if (readAt == 0 || now - readAt > MAX_AGE_NANOS) {
      try {
        last = List.copyOf(cooldowns.cooldowns());
        readAt = now;
      } catch (RuntimeException e) {
        // database down: keep the last figures; /health/ready reports the outage
      }
    }
    return last;
  }
}
