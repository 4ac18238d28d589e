package com.fittrack.garminauth.server;

import com.fittrack.garminauth.core.application.port.out.AuthEventListener;
import com.fittrack.garminauth.core.domain.AuthEvent;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The server's Prometheus registry, and the listener that turns the core's events into metrics:
 * refreshes by outcome, refresh latency, lease waits, connections, disconnections, and sessions by
 * status (read from the database at scrape time, cached briefly).
 */
final class ServerMetrics implements AuthEventListener, AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();

  /**
   * The JVM's meters are bound on a thread of their own: binding them (the JMX beans of memory
   * pools, threads, collectors) was about a tenth of a server's start, and nothing reads them until
   * the first scrape, which waits for them.
   */
  private final FutureTask<Void> jvmMeters =
      new FutureTask<>(
          () -> {
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            gc.bindTo(registry);
            return null;
          });

  private static final long COUNTS_MAX_AGE_NANOS = 5_000_000_000L;
  private Map<ConnectionStatus, Long> lastCounts = Map.of();
  private long countsReadAt;

  ServerMetrics() {
    Thread binder = new Thread(jvmMeters, "garmin-auth-start-metrics");
    binder.setDaemon(true);
    binder.start();
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  String scrape() {
    awaitJvmMeters();
    return registry.scrape();
  }

  private void awaitJvmMeters() {
    try {
      jvmMeters.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the JVM's meters were bound", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the JVM's meters could not be bound", e.getCause());
    }
  }

  /**
   * Gauges of sessions by status, from {@code counts} (a database query). The gauges of one scrape
   * share one query: the figures are reused for a few seconds.
   */
  void sessionsByStatus(Supplier<Map<ConnectionStatus, Long>> counts) {
    for (ConnectionStatus status : ConnectionStatus.values()) {
      Gauge.builder("garmin_auth_sessions", () -> current(counts).getOrDefault(status, 0L))
          .description("Stored Garmin sessions by status")
          .tag("status", status.name())
          .register(registry);
    }
  }

  /**
   * {@code garmin_auth_garmin_identity{tls, egress, signin_egress} 1}: how this instance looks to
   * Garmin. Every label has a small fixed set of values (conscrypt|jdk, direct|http|socks5).
   */
  void garminIdentity(Map<String, String> identity) {
    if (identity.isEmpty()) {
      return;
    }
    Gauge.builder("garmin_auth_garmin_identity", () -> 1)
        .description("The TLS stack and egress kind of Garmin calls (value always 1)")
        .tag("tls", identity.getOrDefault("garminTls", "unknown"))
        .tag("egress", identity.getOrDefault("garminEgress", "unknown"))
        .tag("signin_egress", identity.getOrDefault("garminSignInEgress", "unknown"))
        .register(registry);
  }

  /**
   * Token reads served from the near cache while the database could not be reached (ADR 0117): a
   * counter read from {@code count} at scrape time.
   */
  void degradedReads(LongSupplier count) {
    FunctionCounter.builder("garmin_auth_degraded_token_reads", count, c -> (double) c.getAsLong())
        .description("Token reads served from the near cache while the database was unreachable")
        .register(registry);
  }

  private synchronized Map<ConnectionStatus, Long> current(
      Supplier<Map<ConnectionStatus, Long>> counts) {
    long now = System.nanoTime();
    if (countsReadAt == 0 || now - countsReadAt > COUNTS_MAX_AGE_NANOS) {
      try {
        lastCounts = Map.copyOf(counts.get());
        countsReadAt = now;
      } catch (RuntimeException e) {
        // database down: keep the last figures; /health/ready reports the outage
      }
    }
    return lastCounts;
  }

  @Override
  public void on(AuthEvent event) {
    try {
      record(event);
    } catch (RuntimeException e) {
      // a listener must not throw into the use case
    }
  }

  private void record(AuthEvent event) {
    if (event instanceof AuthEvent.Refreshed r) {
      registry.counter("garmin_auth_refreshes", "outcome", "refreshed").increment();
      Timer.builder("garmin_auth_refresh_latency")
          .description("Latency of Garmin refresh calls")
          .register(registry)
          .record(r.latency());
    } else if (event instanceof AuthEvent.RefreshFailed f) {
      registry
          .counter("garmin_auth_refreshes", "outcome", "failed", "code", f.code().wireName())
          .increment();
    } else if (event instanceof AuthEvent.ReauthRequired) {
      registry.counter("garmin_auth_refreshes", "outcome", "reauth_required").increment();
    } else if (event instanceof AuthEvent.LeaseWaited w) {
      Timer.builder("garmin_auth_lease_waits")
          .description("Time callers waited for another worker's refresh")
          .register(registry)
          .record(w.waited());
    } else if (event instanceof AuthEvent.Connected c) {
      registry
          .counter("garmin_auth_connections", "credential_type", c.credentialType().name())
          .increment();
    } else if (event instanceof AuthEvent.Disconnected) {
      registry.counter("garmin_auth_disconnections").increment();
    }
  }

  @Override
  public void close() {
    jvmMeters.cancel(false);
    if (!jvmMeters.isCancelled()) {
      try {
        jvmMeters.get(); // bound (or binding): let it finish, so that nothing binds after close
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        // nothing was bound that needs closing beyond what follows
      }
    }
    gc.close();
    registry.close();
  }
}
