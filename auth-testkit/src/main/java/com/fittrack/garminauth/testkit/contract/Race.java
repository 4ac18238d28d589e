package com.fittrack.garminauth.testkit.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one task on many threads released at the same instant, so that they really contend, and
 * collects each thread's outcome (its result or what it threw).
 */
public final class Race {
  /** What one racer ended with: a value, or the exception it threw. */
  public record Outcome<T>(T value, Throwable failure) {
    public boolean succeeded() {
      return failure == null;
    }
  }

  /** A racer's task; {@code racer} is its index, 0 to threads-1. */
  @FunctionalInterface
  public interface Task<T> {
    T run(int racer) throws Exception;
  }

  private Race() {}

  public static <T> List<Outcome<T>> run(int threads, Task<T> task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int racer = i;
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.run(racer);
                }));
      }
      ready.await();
      go.countDown();
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          // A generous bound so that a deadlock fails the test instead of hanging the build.
          outcomes.add(new Outcome<>(f.get(60, TimeUnit.SECONDS), null));
        } catch (ExecutionException e) {
          outcomes.add(new Outcome<>(null, e.getCause()));
        } catch (TimeoutException e) {
          throw new AssertionError("a racer did not finish within 60 s (deadlock?)", e);
        }
      }
      return outcomes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while racing", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
