package com.fittrack.garminauth.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fittrack.garminauth.core.domain.ConnectionEvent;
import com.fittrack.garminauth.http.EventView;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import com.fittrack.garminauth.persistence.WebhookDeliveries;
import com.fittrack.garminauth.server.webhook.WebhookDispatcher;
import com.fittrack.garminauth.server.webhook.WebhookSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server runs around the outbox: webhook delivery (when endpoints are configured), the
 * retention pruning of the feed and of finished deliveries, and the event metrics.
 */
final class EventServices implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventServices.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How often old events and finished deliveries are pruned. */
  static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

  private final Optional<WebhookDispatcher> dispatcher;
  private final ScheduledExecutorService pruner;

  private EventServices(Optional<WebhookDispatcher> dispatcher, ScheduledExecutorService pruner) {
    this.dispatcher = dispatcher;
    this.pruner = pruner;
  }

  /** The webhook body of an event: the feed's JSON shape of it. */
  static String body(ConnectionEvent event) {
    try {
      return JSON.writeValueAsString(EventView.of(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event could not be written as JSON", e);
    }
  }

  static Function<ConnectionEvent, String> bodies() {
    return EventServices::body;
  }

  static EventServices start(
      GarminAuthDatabase database, EventSettings settings, Clock clock, MeterRegistry registry) {
    bindMetrics(database, clock, registry);
    Optional<WebhookDispatcher> dispatcher = Optional.empty();
    if (!settings.webhooks().isEmpty()) {
      WebhookDispatcher d =
          new WebhookDispatcher(
              database.webhookDeliveries(),
              WebhookSettings.defaults(settings.webhooks()),
              bodies(),
              clock,
              registry);
      d.start();
      dispatcher = Optional.of(d);
      LOG.info("delivering webhooks to {} endpoint(s)", settings.webhooks().size());
    }
    ScheduledExecutorService pruner =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "garmin-auth-event-pruner");
              t.setDaemon(true);
              return t;
            });
    pruner.scheduleWithFixedDelay(
        () -> prune(database, settings.retention(), clock),
        1,
        PRUNE_EVERY.toMinutes(),
        TimeUnit.MINUTES);
    return new EventServices(dispatcher, pruner);
  }

  /** Deletes events and finished deliveries older than the retention (idempotent). */
  static void prune(GarminAuthDatabase database, Duration retention, Clock clock) {
    try {
      Instant cutoff = clock.instant().minus(retention);
      int events = database.events().deleteBefore(cutoff);
      int deliveries = database.webhookDeliveries().deleteFinishedBefore(cutoff);
      if (events + deliveries > 0) {
        LOG.info("pruned {} event(s) and {} finished deliveries", events, deliveries);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not prune old events: {}", e.getMessage());
    }
  }

  private static void bindMetrics(
      GarminAuthDatabase database, Clock clock, MeterRegistry registry) {
    FunctionCounter.builder(
            "garmin_auth_events_written", database, safely(db -> (double) db.events().head()))
        .description("Events written to the outbox (all instances: the feed's head position)")
        .register(registry);
    WebhookDeliveries deliveries = database.webhookDeliveries();
    Gauge.builder(
            "garmin_auth_webhook_dead_letters",
            deliveries,
            safely(d -> d.countByState().getOrDefault("DEAD", 0L)))
        .description("Webhook deliveries given up (list and redeliver with the CLI)")
        .register(registry);
    Gauge.builder(
            "garmin_auth_webhook_pending",
            deliveries,
            safely(d -> d.countByState().getOrDefault("PENDING", 0L)))
        .description("Webhook deliveries not yet delivered")
        .register(registry);
    Gauge.builder(
            "garmin_auth_webhook_delivery_lag_seconds",
            deliveries,
            safely(
                d ->
                    d.oldestPending()
                        .map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0)
                        .orElse(0.0)))
        .description("Age of the oldest undelivered webhook event")
        .register(registry);
  }

  /** A scrape must not fail because the database is away: NaN then. */
  private static <T> ToDoubleFunction<T> safely(ToDoubleFunction<T> f) {
    return t -> {
      try {
        return f.applyAsDouble(t);
      } catch (RuntimeException e) {
        return Double.NaN;
      }
    };
  }

  @Override
  public void close() {
    pruner.shutdownNow();
    dispatcher.ifPresent(WebhookDispatcher::close);
  }
}
