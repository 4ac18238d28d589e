package com.fittrack.garminauth.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Counts requests in progress so that shutdown can let them finish: once draining, new requests are
 * refused with 503 and {@link #drain} waits for the count to reach zero. Done here rather than in
 * Jetty so that it does not depend on how Javalin assembles its handler chain.
 */
final class InFlightRequests {
  private static final String ENTERED = "garmin-auth.in-flight";
  private final Object lock = new Object();
  private int count;
  private boolean draining;

  void enter(Context ctx) {
    synchronized (lock) {
      if (draining) {
        throw new HttpProblem(503, "shutting_down", "the server is shutting down; retry elsewhere");
      }
      count++;
    }
    ctx.attribute(ENTERED, Boolean.TRUE);
  }

  void leave(Context ctx) {
    if (ctx.attribute(ENTERED) == null) {
      return;
    }
    ctx.attribute(ENTERED, null);
    synchronized (lock) {
      count--;
      lock.notifyAll();
    }
  }

  boolean drain(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (lock) {
      draining = true;
      while (count > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }
}
