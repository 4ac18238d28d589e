package com.fittrack.garminauth.server.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How webhooks are delivered.
 *
 * @param lease how long a claimed delivery is held before another worker may retry it (must outlast
 *     {@code timeout})
 * @param giveUpAfter a delivery still failing this long after its event is dead-lettered
 * @param firstRetry the first backoff; each failure doubles it (with jitter) up to {@code
 *     maxBackoff}
 */
public record WebhookSettings(
    List<WebhookEndpoint> endpoints,
    Duration timeout,
    Duration lease,
    Duration giveUpAfter,
    Duration firstRetry,
    Duration maxBackoff,
    Duration pollInterval,
    int batchSize) {
  public WebhookSettings {
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(timeout, "timeout");
    if (lease.compareTo(timeout) <= 0) {
      throw new IllegalArgumentException("the lease must outlast the request timeout");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
  }

  /** The defaults: 10 s timeout, 60 s lease, 24 h before a dead letter, 5 s doubling to 1 h. */
  public static WebhookSettings defaults(List<WebhookEndpoint> endpoints) {
    return new WebhookSettings(
        endpoints,
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ofHours(24),
        Duration.ofSeconds(5),
        Duration.ofHours(1),
        Duration.ofSeconds(1),
        50);
  }
}
