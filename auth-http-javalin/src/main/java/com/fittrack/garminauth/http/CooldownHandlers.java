package com.fittrack.garminauth.http;

import com.fittrack.garminauth.core.application.port.in.ManageGarminCooldowns;
import com.fittrack.garminauth.core.domain.GarminCooldown;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The operator's view of Garmin's pushbacks: {@code GET /v1/admin/garmin-cooldowns} lists them,
 * {@code DELETE /v1/admin/garmin-cooldowns/{key}} clears one (the next call goes straight to
 * Garmin), and {@code /health/ready} shows them as details.
 */
final class CooldownHandlers {
  /** One cooldown as the API shows it. */
  record CooldownView(
      String key,
      String since,
      String until,
      long retryAfterSeconds,
      int strikes,
      boolean active,
      boolean probing) {
    static CooldownView of(GarminCooldown c, Instant now) {
      boolean refusing = c.isActive(now) || c.probing(now);
      return new CooldownView(
          c.key(),
          c.since().toString(),
          c.until().toString(),
          refusing ? (c.retryAfter(now).toMillis() + 999) / 1000 : 0,
          c.strikes(),
          c.isActive(now),
          c.probing(now));
    }
  }

  record CooldownList(List<CooldownView> cooldowns) {}

  private final Optional<ManageGarminCooldowns> cooldowns;
  private final JsonResponses responses;

  CooldownHandlers(Optional<ManageGarminCooldowns> cooldowns, JsonResponses responses) {
    this.cooldowns = cooldowns;
    this.responses = responses;
  }

  void list(Context ctx) {
    responses.json(ctx, 200, new CooldownList(views()));
  }

  void clear(Context ctx) {
    String key = GarminCooldown.requireKey(ctx.pathParam("key"));
    if (cooldowns.isEmpty() || !cooldowns.get().clearCooldown(key)) {
      throw new HttpProblem(404, "not_found", "no Garmin cooldown is recorded on that key");
    }
    ctx.status(204);
  }

  /** Every recorded cooldown now (empty when this server keeps none). */
  List<CooldownView> views() {
    return cooldowns
        .map(
            c -> {
              Instant now = c.now();
              return c.cooldowns().stream().map(v -> CooldownView.of(v, now)).toList();
            })
        .orElse(List.of());
  }
}
