package com.fittrack.garminauth.reliability;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Concurrent {@code POST /token} traffic from many client threads to several servers for a bounded
 * time, recording every token handed out per user and every failure.
 */
final class TokenTraffic {
  /** A failed call: HTTP status and problem code, or status 0 and the I/O error. */
  record Failure(String user, String server, int status, String code, Instant at) {}

  /** One generation of a user's token, as first seen. */
  record Generation(String token, Instant expiresAt, Instant firstSeen) {}

  /** What the traffic saw. */
  static final class Result {
    final Map<String, Map<String, Generation>> generations = new ConcurrentHashMap<>();
    final Collection<Failure> failures = new ConcurrentLinkedQueue<>();
    final Collection<String> expiredOnReceipt = new ConcurrentLinkedQueue<>();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong slowestMillis = new AtomicLong();
    Instant started;
    Instant ended;

    /** The distinct tokens handed out for {@code user}, oldest expiry first. */
    List<Generation> generations(String user) {
      return generations.getOrDefault(user, Map.of()).values().stream()
          .sorted(Comparator.comparing(Generation::expiresAt))
          .toList();
    }

    Map<String, Long> failuresByCode() {
      return failures.stream()
          .collect(
              Collectors.groupingBy(
                  f -> f.status() + " " + f.code(), TreeMap::new, Collectors.counting()));
    }

    Duration elapsed() {
      return Duration.between(started, ended);
    }
  }

  private TokenTraffic() {}

  /** Seeds {@code result} with a token per user taken before the traffic (generation zero). */
  static void record(Result result, String user, ServerApi.Token token, Instant at) {
    result
        .generations
        .computeIfAbsent(user, u -> new ConcurrentHashMap<>())
        .putIfAbsent(
            token.accessToken(), new Generation(token.accessToken(), token.expiresAt(), at));
  }

  static Result run(
      ServerApi api, List<URI> servers, List<String> users, int threads, Duration duration)
      throws Exception {
    Result result = new Result();
    run(api, servers, users, threads, duration, result);
    return result;
  }

  static void run(
      ServerApi api,
      List<URI> servers,
      List<String> users,
      int threads,
      Duration duration,
      Result result)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    result.started = Instant.now();
    Instant deadline = result.started.plus(duration);
    List<Future<?>> workers = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> drive(api, servers, users, deadline, result)));
      }
      for (Future<?> w : workers) {
        w.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      result.ended = Instant.now();
    }
  }

  private static Void drive(
      ServerApi api, List<URI> servers, List<String> users, Instant deadline, Result result) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    // Bounded twice: by time, and by a count no run on any machine comes near.
    for (int i = 0; i < 1_000_000 && Instant.now().isBefore(deadline); i++) {
      String user = users.get(random.nextInt(users.size()));
      URI server = servers.get(random.nextInt(servers.size()));
      Instant sent = Instant.now();
      result.requests.incrementAndGet();
      try {
        ServerApi.Reply reply = api.token(server, user);
        long millis = Duration.between(sent, Instant.now()).toMillis();
        result.slowestMillis.accumulateAndGet(millis, Math::max);
        var token = ServerApi.tokenOf(reply);
        if (token.isEmpty()) {
          result.failures.add(
              new Failure(user, server.toString(), reply.status(), reply.code(), sent));
          continue;
        }
        if (!token.get().expiresAt().isAfter(sent)) {
          result.expiredOnReceipt.add(user);
        }
        record(result, user, token.get(), sent);
      } catch (UncheckedIOException e) {
        result.failures.add(
            new Failure(user, server.toString(), 0, e.getCause().getClass().getSimpleName(), sent));
      }
    }
    return null;
  }

  /** Users whose consecutive tokens are closer than {@code minGap}: refreshed before due. */
  static Set<String> refreshedEarly(Result result, Duration minGap) {
    Set<String> early = ConcurrentHashMap.newKeySet();
    result
        .generations
        .keySet()
        .forEach(
            user -> {
              List<Generation> g = result.generations(user);
              for (int i = 1; i < g.size(); i++) {
                if (Duration.between(g.get(i - 1).expiresAt(), g.get(i).expiresAt())
                        .compareTo(minGap)
                    < 0) {
                  early.add(user);
                }
              }
            });
    return early;
  }
}
