package com.fittrack.garminauth.server;

import com.fittrack.garminauth.server.webhook.WebhookEndpoint;
import java.time.Duration;
import java.util.List;

/**
 * The event outbox, feed retention and webhooks (issue 15).
 *
 * @param retention events older than this are pruned from the feed
 * @param refreshFailingAfter passing refresh failures lasting this long produce {@code
 *     connection.refresh_failing}
 */
record EventSettings(
    Duration retention, Duration refreshFailingAfter, List<WebhookEndpoint> webhooks) {

  static final String WEBHOOKS = "GARMIN_AUTH_WEBHOOKS";
  static final String ALLOW_LOOPBACK_HTTP = "GARMIN_AUTH_WEBHOOKS_ALLOW_LOOPBACK_HTTP";

  EventSettings {
    webhooks = List.copyOf(webhooks);
  }

  static EventSettings read(EnvReader env) {
    Duration retention =
        Duration.ofDays(env.integer("GARMIN_AUTH_EVENTS_RETENTION_DAYS", 7, 1, 365));
    Duration failingAfter =
        env.seconds(
            "GARMIN_AUTH_EVENTS_REFRESH_FAILING_AFTER_SECONDS",
            Duration.ofMinutes(15),
            0,
            7 * 86_400);
    boolean allowLoopback = env.bool(ALLOW_LOOPBACK_HTTP, false);
    List<WebhookEndpoint> webhooks =
        env.string(WEBHOOKS)
            .map(
                spec -> {
                  try {
                    return WebhookEndpoint.parseAll(spec, allowLoopback);
                  } catch (IllegalArgumentException e) {
                    throw new ConfigException(WEBHOOKS, e.getMessage());
                  }
                })
            .orElse(List.of());
    return new EventSettings(retention, failingAfter, webhooks);
  }
}
