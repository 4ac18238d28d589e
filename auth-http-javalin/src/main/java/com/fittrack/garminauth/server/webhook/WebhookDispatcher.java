package com.fittrack.garminauth.server.webhook;

import com.fittrack.garminauth.core.domain.ConnectionEvent;
import com.fittrack.garminauth.persistence.WebhookDeliveries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox to the configured webhook endpoints: plans a delivery per event and endpoint,
 * claims due ones under a lease, POSTs them signed, and records the outcome. Any number of
 * instances may run one; the database divides the work (see {@link WebhookDeliveries}).
 *
 * <p>At least once, in order per user: a failed delivery is retried with exponential backoff and
 * jitter, and holds back that user's later events, until it succeeds or is dead-lettered {@link
 * WebhookSettings#giveUpAfter()} after its event. Redirects are never followed. A retry carries the
 * same {@code webhook-id} (the event id) and a fresh timestamp and signature.
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final WebhookDeliveries deliveries;
  private final WebhookSettings settings;
  private final Function<ConnectionEvent, String> body;
  private final Clock clock;
  private final HttpClient http;
  private final String holder = "webhooks-" + UUID.randomUUID();
  private final Map<String, WebhookEndpoint> endpoints = new ConcurrentHashMap<>();
  private final MeterRegistry registry;
  private ScheduledExecutorService timer;

  public WebhookDispatcher(
      WebhookDeliveries deliveries,
      WebhookSettings settings,
      Function<ConnectionEvent, String> body,
      Clock clock,
      MeterRegistry registry) {
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.body = Objects.requireNonNull(body, "body");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.registry = Objects.requireNonNull(registry, "registry");
    settings.endpoints().forEach(e -> endpoints.put(e.id(), e));
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.timeout())
            .build();
  }

  /** Runs {@link #runOnce()} every poll interval on a daemon thread until closed. */
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "garmin-auth-webhooks");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1, settings.pollInterval().toMillis());
    timer.scheduleWithFixedDelay(this::runSafely, every, every, TimeUnit.MILLISECONDS);
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.warn("webhook delivery round failed: {}", e.getMessage());
    }
  }

  /** Plans, claims and delivers one batch; returns how many deliveries were attempted. */
  public int runOnce() {
    for (WebhookEndpoint endpoint : settings.endpoints()) {
      deliveries.plan(endpoint.id(), settings.batchSize(), body);
    }
    List<WebhookDeliveries.Claimed> claimed =
        deliveries.claim(holder, clock.instant(), settings.lease(), settings.batchSize());
    for (WebhookDeliveries.Claimed c : claimed) {
      deliver(c);
    }
    return claimed.size();
  }

  private void deliver(WebhookDeliveries.Claimed c) {
    WebhookEndpoint endpoint = endpoints.get(c.endpointId());
    if (endpoint == null) {
      // an endpoint removed from the configuration: its remaining deliveries wait, visible in
      // metrics, until it comes back (or an operator prunes them)
      deliveries.failed(
          c,
          Optional.of(clock.instant().plus(settings.maxBackoff())),
          "endpoint not configured",
          clock.instant());
      return;
    }
    Optional<String> failure = post(endpoint, c);
    Instant now = clock.instant();
    if (failure.isEmpty()) {
      if (deliveries.delivered(c, now)) {
        count(endpoint, "delivered");
      }
      return;
    }
    Optional<Instant> retryAt = retryAt(c, now);
    if (deliveries.failed(c, retryAt, failure.get(), now)) {
      count(endpoint, retryAt.isPresent() ? "retry" : "dead");
      if (retryAt.isEmpty()) {
        LOG.warn(
            "webhook {} to endpoint {} dead-lettered after {} attempts: {}",
            c.eventId(),
            endpoint.id(),
            c.attempts() + 1,
            failure.get());
      }
    }
  }

  /** Empty on a 2xx; otherwise what went wrong, safe to store and log. */
  private Optional<String> post(WebhookEndpoint endpoint, WebhookDeliveries.Claimed c) {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.url())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("webhook-id", c.eventId())
            .header("webhook-timestamp", Long.toString(timestamp))
            .header(
                "webhook-signature",
                WebhookSigner.sign(endpoint.secret(), c.eventId(), timestamp, c.body()))
            .POST(HttpRequest.BodyPublishers.ofString(c.body()))
            .build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return Optional.empty();
      }
      return Optional.of(
          status >= 300 && status < 400
              ? "HTTP " + status + " (redirects are not followed)"
              : "HTTP " + status);
    } catch (IOException e) {
      return Optional.of("I/O: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  /**
   * The next attempt: the backoff doubles from the first retry up to the maximum, and the wait is
   * drawn between half of it and all of it (jitter), so that a receiver coming back is not hit by
   * every retry at once. Empty when that would be past the give-up time: a dead letter.
   */
  Optional<Instant> retryAt(WebhookDeliveries.Claimed c, Instant now) {
    int doublings = Math.min(c.attempts(), 30);
    Duration backoff = settings.firstRetry().multipliedBy(1L << doublings);
    if (backoff.compareTo(settings.maxBackoff()) > 0) {
      backoff = settings.maxBackoff();
    }
    long half = backoff.toMillis() / 2;
    long wait = half + ThreadLocalRandom.current().nextLong(half + 1);
    Instant next = now.plusMillis(wait);
    return next.isAfter(c.createdAt().plus(settings.giveUpAfter()))
        ? Optional.empty()
        : Optional.of(next);
  }

  private void count(WebhookEndpoint endpoint, String outcome) {
    Counter.builder("garmin_auth_webhook_deliveries")
        .description("Webhook delivery attempts by endpoint and outcome")
        .tag("endpoint", endpoint.id())
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      try {
        timer.awaitTermination(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      timer = null;
    }
  }
}
