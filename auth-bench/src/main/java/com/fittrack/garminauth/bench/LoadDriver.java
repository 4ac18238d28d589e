package com.fittrack.garminauth.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load generator, run as its own process so that it does not share a JVM with
 * the server it measures: {@code workers} threads each send one request, wait for the answer, and
 * send the next, for a warm-up period and then a measured one (or until {@code maxRequests}). It
 * talks to loopback addresses only.
 *
 * <pre>{@code
 * java -cp benchmarks.jar com.fittrack.garminauth.bench.LoadDriver \
 *   --url 'http://127.0.0.1:7070/v1/connections/{user}/token' --users 1000 \
 *   --header 'Authorization: Bearer gak_...' --workers 16 --warmup 5 --seconds 10
 * }</pre>
 *
 * <p>Prints one line: {@code requests=... errors=... seconds=... rps=... p50_us=... p99_us=...}.
 */
public final class LoadDriver {
  /** At most this many latencies are kept per worker (the count goes on beyond it). */
  static final int MAX_SAMPLES_PER_WORKER = 2_000_000;

  /** What to send, how hard and how long. */
  public record Settings(
      String urlTemplate,
      int users,
      String method,
      List<String[]> headers,
      int workers,
      Duration warmup,
      Duration measured,
      long maxRequests,
      boolean warmupUntilTold) {
    public Settings(
        String urlTemplate,
        int users,
        String method,
        List<String[]> headers,
        int workers,
        Duration warmup,
        Duration measured,
        long maxRequests) {
      this(urlTemplate, users, method, headers, workers, warmup, measured, maxRequests, false);
    }
  }

  /** What a run measured. */
  public record Outcome(
      long requests, long errors, double seconds, long p50Micros, long p99Micros) {
    public double requestsPerSecond() {
      return requests / seconds;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "requests=%d errors=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d",
          requests,
          errors,
          seconds,
          requestsPerSecond(),
          p50Micros,
          p99Micros);
    }

    static Outcome parse(String line) {
      String[] f = line.trim().split(" ");
      return new Outcome(
          Long.parseLong(value(f[0])),
          Long.parseLong(value(f[1])),
          Double.parseDouble(value(f[2])),
          Long.parseLong(value(f[4])),
          Long.parseLong(value(f[5])));
    }

    private static String value(String field) {
      return field.substring(field.indexOf('=') + 1);
    }
  }

  /** Printed when the warm-up ends and the measured phase begins. */
  static final String MEASURING = "measuring";

  /**
   * With {@code --warmup-until-told}, this line on standard input ends the warm-up (which otherwise
   * lasts its full {@code --warmup}): the harness sends it when the server's JIT has settled.
   */
  static final String GO = "go";

  private LoadDriver() {}

  public static void main(String[] args) throws Exception {
    Outcome outcome =
        run(
            parse(args),
            () -> {
              // the harness samples the server's CPU time when it reads this line
              System.out.println(MEASURING);
              System.out.flush();
            });
    System.out.println(outcome.line());
  }

  /** Runs the load; refuses any address that is not loopback. */
  public static Outcome run(Settings s) throws Exception {
    return run(s, () -> {});
  }

  /** As {@link #run(Settings)}; {@code measuring} runs when the warm-up ends. */
  public static Outcome run(Settings s, Runnable measuring) throws Exception {
    return run(s, measuring, System.in);
  }

  /**
   * As {@link #run(Settings, Runnable)}; with {@link Settings#warmupUntilTold()}, the line {@link
   * #GO} on {@code tellings} ends the warm-up.
   */
  static Outcome run(Settings s, Runnable measuring, InputStream tellings) throws Exception {
    URI first = URI.create(s.urlTemplate().replace("{user}", Seeder.user(0).value()));
    if (!InetAddress.getByName(first.getHost()).isLoopbackAddress()) {
      throw new IllegalArgumentException("the load driver only talks to loopback addresses");
    }
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    AtomicLong warmupDeadline = new AtomicLong(System.nanoTime() + s.warmup().toNanos());
    if (s.warmupUntilTold()) {
      endWarmupWhenTold(warmupDeadline, tellings);
    }
    Phase warm = phase(client, s, warmupDeadline, s.maxRequests());
    measuring.run();
    Phase measured =
        phase(
            client, s, new AtomicLong(System.nanoTime() + s.measured().toNanos()), s.maxRequests());
    long[] all = measured.latencies();
    Arrays.sort(all);
    return new Outcome(
        measured.requests(),
        measured.errors() + warm.errors(),
        measured.seconds(),
        percentile(all, 0.50) / 1000,
        percentile(all, 0.99) / 1000);
  }

  private record Phase(long requests, long errors, double seconds, long[] latencies) {}

  /** Reads standard input on a daemon thread; the line {@link #GO} moves the deadline to now. */
  private static void endWarmupWhenTold(AtomicLong deadline, InputStream tellings) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(tellings, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  if (line.strip().equals(GO)) {
                    deadline.accumulateAndGet(System.nanoTime(), Math::min);
                    return;
                  }
                }
              } catch (IOException e) {
                // no more input: the warm-up runs its full length
              }
            },
            "load-driver-stdin");
    reader.setDaemon(true);
    reader.start();
  }

  private static Phase phase(HttpClient client, Settings s, AtomicLong deadline, long max)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(s.workers());
    long started = System.nanoTime();
    long perWorker = Math.max(1, max / s.workers());
    try {
      List<Future<Phase>> parts = new ArrayList<>();
      for (int w = 0; w < s.workers(); w++) {
        parts.add(pool.submit(() -> worker(client, s, deadline, perWorker)));
      }
      long requests = 0;
      long errors = 0;
      List<long[]> samples = new ArrayList<>();
      for (Future<Phase> part : parts) {
        Phase p = part.get();
        requests += p.requests();
        errors += p.errors();
        samples.add(p.latencies());
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long[] all = samples.stream().flatMapToLong(Arrays::stream).toArray();
      return new Phase(requests, errors, seconds, all);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Phase worker(HttpClient client, Settings s, AtomicLong deadline, long max) {
    SplittableRandom random = new SplittableRandom();
    long[] latencies = new long[(int) Math.min(max, MAX_SAMPLES_PER_WORKER)];
    long requests = 0;
    long errors = 0;
    while (System.nanoTime() < deadline.get() && requests < max) {
      String user = Seeder.user(random.nextInt(s.users())).value();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(s.urlTemplate().replace("{user}", user)))
              .timeout(Duration.ofSeconds(30))
              .method(s.method(), HttpRequest.BodyPublishers.noBody());
      s.headers().forEach(h -> request.header(h[0], h[1]));
      long t0 = System.nanoTime();
      try {
        HttpResponse<byte[]> response =
            client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
          errors++;
        }
      } catch (IOException e) {
        errors++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (requests < latencies.length) {
        latencies[(int) requests] = System.nanoTime() - t0;
      }
      requests++;
    }
    return new Phase(
        requests, errors, 0, Arrays.copyOf(latencies, (int) Math.min(requests, latencies.length)));
  }

  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static Settings parse(String[] args) {
    String url = null;
    int users = 1000;
    String method = "POST";
    List<String[]> headers = new ArrayList<>();
    int workers = 16;
    Duration warmup = Duration.ofSeconds(5);
    Duration measured = Duration.ofSeconds(10);
    long max = 10_000_000;
    boolean untilTold = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--method" -> method = args[++i];
        case "--header" -> {
          String h = args[++i];
          int colon = h.indexOf(':');
          headers.add(new String[] {h.substring(0, colon).trim(), h.substring(colon + 1).trim()});
        }
        case "--workers" -> workers = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(args[++i]));
        case "--seconds" -> measured = Duration.ofSeconds(Long.parseLong(args[++i]));
        case "--max-requests" -> max = Long.parseLong(args[++i]);
        case "--warmup-until-told" -> untilTold = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (url == null) {
      throw new IllegalArgumentException("--url is required");
    }
    if (workers < 1 || workers > 256) {
      throw new IllegalArgumentException("--workers must be 1-256");
    }
    return new Settings(url, users, method, headers, workers, warmup, measured, max, untilTold);
  }
}
