package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.out.RefreshLease;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** One batch of claimed leases being refreshed by the sweeper's workers. */
final class SweepBatch {
  /** How one claimed lease ended. */
  enum Outcome {
    REFRESHED,
    FAILED,
    SKIPPED
  }

  /** What a finished batch did. */
  record Counts(int refreshed, int failed, int skipped) {}

  private final List<Future<Outcome>> results;
  private final CountDownLatch started;

  private SweepBatch(List<Future<Outcome>> results, CountDownLatch started) {
    this.results = results;
    this.started = started;
  }

  static SweepBatch submit(
      ExecutorService workers, List<RefreshLease> leases, Function<RefreshLease, Outcome> task) {
    CountDownLatch started = new CountDownLatch(leases.size());
    List<Future<Outcome>> results = new ArrayList<>();
    for (RefreshLease lease : leases) {
      results.add(
          workers.submit(
              () -> {
                started.countDown();
                return task.apply(lease);
              }));
    }
    return new SweepBatch(results, started);
  }

  /**
   * Waits until a worker has picked up every lease of the batch: from then on at most one wave is
   * left, and claiming the next batch keeps the workers busy. Returns early if the workers stop.
   */
  void awaitStarted(ExecutorService workers) {
    try {
      while (!started.await(100, TimeUnit.MILLISECONDS)) {
        if (workers.isTerminated()) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean isDone() {
    return results.stream().allMatch(Future::isDone);
  }

  /** Waits for every refresh of the batch and counts the outcomes. */
  Counts await() {
    int refreshed = 0;
    int failed = 0;
    int skipped = 0;
    for (Future<Outcome> result : results) {
      switch (outcome(result)) {
        case REFRESHED -> refreshed++;
        case FAILED -> failed++;
        case SKIPPED -> skipped++;
      }
    }
    return new Counts(refreshed, failed, skipped);
  }

  private static Outcome outcome(Future<Outcome> result) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.SKIPPED;
    } catch (ExecutionException e) {
      return Outcome.FAILED;
    }
  }
}
