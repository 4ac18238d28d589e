package com.fittrack.garminauth.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests in progress so that shutdown can let them finish: once draining, new requests are
 * refused with 503 and {@link #drain} waits for the count to reach zero. Done here rather than in
 * Jetty so that it does not depend on how Javalin assembles its handler chain.
 *
 * <p>Requests only touch an atomic counter (a lock taken by every request was contended by Jetty's
 * worker threads); the lock is for {@link #drain} to wait on. A request counts itself in before it
 * looks at {@code draining}, and drain sets {@code draining} before it looks at the count, so
 * either drain waits for the request or the request sees that it must refuse.
 */
final class InFlightRequests {
  private static final String ENTERED = "garmin-auth.in-flight";

  /** How long drain sleeps at most between looks at the count, should a wake-up be missed. */
  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final Object lock = new Object();
  private final AtomicInteger count = new AtomicInteger();
  private volatile boolean draining;

  void enter(Context ctx) {
    count.incrementAndGet();
    if (draining) {
      finished();
      throw new HttpProblem(503, "shutting_down", "the server is shutting down; retry elsewhere");
    }
    ctx.attribute(ENTERED, Boolean.TRUE);
  }

  void leave(Context ctx) {
    if (ctx.attribute(ENTERED) == null) {
      return;
    }
    ctx.attribute(ENTERED, null);
    finished();
  }

  private void finished() {
    if (count.decrementAndGet() == 0 && draining) {
      synchronized (lock) {
        lock.notifyAll();
      }
    }
  }

  boolean drain(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    draining = true;
    synchronized (lock) {
      while (count.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, RECHECK_NANOS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }
}
