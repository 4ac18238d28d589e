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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
  private final CooldownGate gate;
  private final String cooldownKey;
  private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);
  private ScheduledExecutorService scheduler;
  private boolean closed;

  RefreshSweeper(
      ConnectionRepository connections,
      ChallengeRepository challenges,
      SessionService sessions,
      SweepSettings settings,
      AuthPolicy policy,
      Clock clock,
      CooldownGate gate,
      String cooldownKey) {
    this.gate = gate;
    this.cooldownKey = cooldownKey;
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
   *
   * <p>The next batch is claimed as soon as every lease of the current one has been picked up by a
   * worker, while its last wave is still with Garmin: waiting for the whole batch first left the
   * workers idle during every claim and every batch's slowest refresh (docs/benchmarks.md).
   */
  public SweepReport sweepOnce() {
    // Abandoned MFA challenges hold sealed Garmin cookies: do not keep them past their expiry.
    challenges.deleteExpired(clock.instant());
    int claimed = 0;
    int refreshed = 0;
    int failed = 0;
    int skipped = 0;
    Deque<SweepBatch> running = new ArrayDeque<>();
    while (true) {
      List<RefreshLease> batch = claimUnlessPaused();
      boolean stop = false;
      if (!batch.isEmpty()) {
        claimed += batch.size();
        SweepBatch submitted = SweepBatch.submit(workers, batch, this::refresh);
        running.addLast(submitted);
        submitted.awaitStarted(workers);
        while (!running.isEmpty() && running.peekFirst().isDone()) {
          SweepBatch.Counts c = running.removeFirst().await();
          refreshed += c.refreshed();
          failed += c.failed();
          skipped += c.skipped();
          stop |= c.refreshed() == 0;
        }
        if (!stop) {
          continue;
        }
      }
      // Nothing more was claimed (or a batch refreshed nothing): let the batches in flight end.
      boolean hadWork = !running.isEmpty();
      while (!running.isEmpty()) {
        SweepBatch.Counts c = running.removeFirst().await();
        refreshed += c.refreshed();
        failed += c.failed();
        skipped += c.skipped();
        stop |= c.refreshed() == 0;
      }
      // A batch that refreshed nothing means: wait for the next interval rather than spin.
      if (stop || !hadWork) {
        break;
      }
    }
    return new SweepReport(claimed, refreshed, failed, skipped);
  }

  /** Claims the next batch, or nothing while paused (leases claimed as a pause began go back). */
  private List<RefreshLease> claimUnlessPaused() {
    // A refresh cooldown (set by any instance) pauses every sweeper; one probe goes out after it.
    if (paused() || gate.refusedFor(cooldownKey).isPresent()) {
      return List.of();
    }
    Instant now = clock.instant();
    List<RefreshLease> batch =
        connections.acquireDueForRefresh(
            now.plus(settings.horizon()),
            settings.batchSize(),
            new LeaseRequest("sweep-" + UUID.randomUUID(), now, now.plus(policy.refreshLease())));
    if (!batch.isEmpty() && paused()) {
      batch.forEach(connections::releaseRefreshLease);
      return List.of();
    }
    return batch;
  }

  private SweepBatch.Outcome refresh(RefreshLease lease) {
    Instant now = clock.instant();
    // A lease too close to its end could run out while Garmin answers, letting a foreground
    // caller present the same refresh token: give it back and let the next sweep take it.
    if (paused()
        || lease.until().isBefore(now.plus(policy.refreshLease().dividedBy(2)))
        || servesUntilExpiry(lease, now)) {
      connections.releaseRefreshLease(lease);
      return SweepBatch.Outcome.SKIPPED;
    }
    // Claimed by the horizon alone; due only within the horizon bounded by a tenth of the token's
    // life, the rule readers use too (no refresh storms, however long the horizon).
    if (!lease.connection().dueForRefresh(now, settings.horizon())) {
      connections.releaseRefreshLease(lease);
      return SweepBatch.Outcome.SKIPPED;
    }
    try {
      var stored = sessions.refreshClaimed(lease);
      return stored.lastFailure().isPresent()
          ? SweepBatch.Outcome.FAILED
          : SweepBatch.Outcome.REFRESHED;
    } catch (GarminAuthException e) {
      if (e.code() == ErrorCode.RATE_LIMITED) {
        Duration pause = e.retryAfter().orElse(settings.rateLimitPause());
        pausedUntil.accumulateAndGet(clock.instant().plus(pause), (a, b) -> a.isAfter(b) ? a : b);
      }
      return SweepBatch.Outcome.FAILED;
    }
  }

  /** A session without a refresh token is left alone until its token has expired. */
  private static boolean servesUntilExpiry(RefreshLease lease, Instant now) {
    var credentials = lease.connection().credentials();
    return !credentials.canRefresh() && credentials.accessTokenExpiresAt().isAfter(now);
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
