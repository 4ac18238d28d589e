package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.out.ChallengeRepository;
import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.LeaseRequest;
import com.fittrack.garminauth.core.application.port.out.RefreshLease;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Refreshes tokens before anyone asks, so that foreground reads rarely wait on Garmin. Several
 * instances may sweep at once: each connection is claimed through the same refresh lease that
 * foreground callers use, so nothing is refreshed twice.
 *
 * <pre>{@code
 * RefreshSweeper sweeper = auth.sweeper(SweepSettings.defaults());
 * sweeper.start();   // background, every interval
 * ...
 * sweeper.close();   // stops cleanly, finishing refreshes in flight
 * }</pre>
 */
public final class RefreshSweeper implements AutoCloseable {
  /** What one sweep did. */
  public record SweepReport(int claimed, int refreshed, int failed, int skipped) {}

  private final ConnectionRepository connections;
  private final ChallengeRepository challenges;
  private final SessionService sessions;
  private final SweepSettings settings;
  private final AuthPolicy policy;
  private final Clock clock;
  private final ExecutorService workers;
  private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);
  private ScheduledExecutorService scheduler;
  private boolean closed;

  RefreshSweeper(
      ConnectionRepository connections,
      ChallengeRepository challenges,
      SessionService sessions,
      SweepSettings settings,
      AuthPolicy policy,
      Clock clock) {
    this.connections = connections;
    this.challenges = challenges;
    this.sessions = sessions;
    this.settings = settings;
    this.policy = policy;
    this.clock = clock;
    this.workers =
        Executors.newFixedThreadPool(settings.parallelism(), daemon("garmin-auth-sweeper"));
  }

  /** Runs sweeps every {@code interval} in the background until {@link #close()}. */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("the sweeper is closed; create a new one");
    }
    if (scheduler != null) {
      throw new IllegalStateException("the sweeper is already running");
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(daemon("garmin-auth-sweep-timer"));
    long millis = settings.interval().toMillis();
    scheduler.scheduleWithFixedDelay(this::sweepQuietly, 0, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * One sweep: purges expired MFA challenges, then claims due connections and refreshes them, batch
   * after batch, until none is due or Garmin rate-limits. Returns what it did.
   */
  public SweepReport sweepOnce() {
    // Abandoned MFA challenges hold sealed Garmin cookies: do not keep them past their expiry.
    challenges.deleteExpired(clock.instant());
    int claimed = 0;
    int refreshed = 0;
    int failed = 0;
    int skipped = 0;
    while (!paused()) {
      Instant now = clock.instant();
      List<RefreshLease> batch =
          connections.acquireDueForRefresh(
              now.plus(settings.horizon()),
              settings.batchSize(),
              new LeaseRequest("sweep-" + UUID.randomUUID(), now, now.plus(policy.refreshLease())));
      if (batch.isEmpty()) {
        break;
      }
      claimed += batch.size();
      int movedInBatch = 0;
      List<Future<Outcome>> results = new ArrayList<>();
      for (RefreshLease lease : batch) {
        results.add(workers.submit(() -> refresh(lease)));
      }
      for (Future<Outcome> result : results) {
        switch (await(result)) {
          case REFRESHED -> {
            refreshed++;
            movedInBatch++;
          }
          case FAILED -> failed++;
          case SKIPPED -> skipped++;
        }
      }
      if (movedInBatch == 0) {
        break; // nothing refreshed: wait for the next interval rather than spin
      }
    }
    return new SweepReport(claimed, refreshed, failed, skipped);
  }

  private enum Outcome {
    REFRESHED,
    FAILED,
    SKIPPED
  }

  private Outcome refresh(RefreshLease lease) {
    Instant now = clock.instant();
    // A lease too close to its end could run out while Garmin answers, letting a foreground
    // caller present the same refresh token: give it back and let the next sweep take it.
    if (paused() || lease.until().isBefore(now.plus(policy.refreshLease().dividedBy(2)))) {
      connections.releaseRefreshLease(lease);
      return Outcome.SKIPPED;
    }
    try {
      var stored = sessions.refreshClaimed(lease);
      return stored.lastFailure().isPresent() ? Outcome.FAILED : Outcome.REFRESHED;
    } catch (GarminAuthException e) {
      if (e.code() == ErrorCode.RATE_LIMITED) {
        Duration pause = e.retryAfter().orElse(settings.rateLimitPause());
        pausedUntil.accumulateAndGet(clock.instant().plus(pause), (a, b) -> a.isAfter(b) ? a : b);
      }
      return Outcome.FAILED;
    }
  }

  private boolean paused() {
    return clock.instant().isBefore(pausedUntil.get());
  }

  private void sweepQuietly() {
    try {
      sweepOnce();
    } catch (RuntimeException e) {
      // The database may be down; the next interval tries again.
    }
  }

  private static Outcome await(Future<Outcome> result) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.SKIPPED;
    } catch (ExecutionException e) {
      return Outcome.FAILED;
    }
  }

  /** Stops sweeping; refreshes already running finish (bounded by the lease length). */
  @Override
  public synchronized void close() {
    closed = true;
    if (scheduler != null) {
      scheduler.shutdown();
    }
    workers.shutdown();
    try {
      long waitMillis = policy.refreshLease().toMillis();
      if (scheduler != null) {
        scheduler.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
      }
      if (!workers.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread t = new Thread(runnable, name);
      t.setDaemon(true);
      return t;
    };
  }
}
