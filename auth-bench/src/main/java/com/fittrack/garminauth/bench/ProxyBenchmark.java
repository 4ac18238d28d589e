package com.fittrack.garminauth.bench;

import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Garmin Connect proxy's cost: the same Connect API call (FakeGarmin's activity list) made
 * directly to FakeGarmin with the user's token, and through the server's proxy, by the same load
 * driver in the same run, alternating direct and proxied rounds. FakeGarmin runs in this process,
 * the server in a process of its own.
 *
 * <pre>{@code
 * java -cp auth-bench/target/benchmarks.jar com.fittrack.garminauth.bench.ProxyBenchmark \
 *   --server-jar auth-http-javalin/target/garmin-auth-server.jar --seconds 10 --rounds 2 \
 *   --garmin-latency-ms 50
 * }</pre>
 *
 * <p>Prints a markdown table: requests per second, p50 and p99 of each side, the throughput ratio
 * (proxied / direct) and the latency the proxy adds.
 */
public final class ProxyBenchmark {
  private static final String JOB_KEY = "bench-proxy-job-key-0123456789abcdef0123";
  private static final String USER = "bench-proxy-user";
  private static final String PATH = "/activitylist-service/activities/search/activities?limit=20";

  private ProxyBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path serverJar = null;
    int seconds = 10;
    int warmup = 5;
    int rounds = 2;
    int workers = 8;
    int latencyMillis = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--server-jar" -> serverJar = Path.of(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--workers" -> workers = Integer.parseInt(args[++i]);
        case "--garmin-latency-ms" -> latencyMillis = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (serverJar == null || !Files.isRegularFile(serverJar)) {
      throw new IllegalArgumentException("--server-jar must name garmin-auth-server.jar");
    }
    Path work = Files.createTempDirectory("garmin-auth-proxy-bench");
    try (FakeGarmin fake = FakeGarmin.startWithDemoAccounts()) {
      int port = ServerProcess.freePort();
      Map<String, String> env = new HashMap<>();
      env.put("GARMIN_AUTH_PORT", Integer.toString(port));
      env.put("GARMIN_AUTH_DATA_DIR", work.resolve("data").toString());
      env.put(
          "GARMIN_AUTH_API_KEYS", "job:" + JOB_KEY + ":garmin:read+connections:write+tokens:read");
      env.put("GARMIN_AUTH_GARMIN_ALLOW_CUSTOM_ENDPOINTS", "true");
      env.put("GARMIN_AUTH_GARMIN_SSO_URL", fake.ssoUrl().toString());
      env.put("GARMIN_AUTH_GARMIN_CONNECTAPI_URL", fake.connectApiUrl().toString());
      env.put("GARMIN_AUTH_GARMIN_DIAUTH_URL", fake.diAuthUrl().toString());
      env.put("GARMIN_AUTH_GARMIN_OAUTH_CONSUMER_KEY", FakeGarmin.CONSUMER_KEY);
      env.put("GARMIN_AUTH_GARMIN_OAUTH_CONSUMER_SECRET", FakeGarmin.CONSUMER_SECRET);
      env.put("GARMIN_AUTH_PROXY_MAX_CONCURRENT_PER_USER", Integer.toString(workers));
      env.put("GARMIN_AUTH_SWEEPER_ENABLED", "false");
      env.put("GARMIN_AUTH_LOG_LEVEL", "WARN");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      try (ServerProcess server =
          ServerProcess.start(
              List.of(java, "-jar", serverJar.toString()), env, port, work.resolve("server.log"))) {
        String base = "http://127.0.0.1:" + port;
        String token = signIn(base);
        // set after sign-in: Garmin's answer time for the measured API calls, both sides alike
        fake.latency(Duration.ofMillis(latencyMillis));
        List<String[]> directHeaders =
            List.<String[]>of(new String[] {"Authorization", "Bearer " + token});
        List<String[]> proxyHeaders =
            List.<String[]>of(new String[] {"Authorization", "Bearer " + JOB_KEY});
        String direct = fake.connectApiUrl() + PATH;
        String proxied = base + "/v1/connections/" + USER + "/garmin" + PATH;
        List<LoadDriver.Outcome> d = new ArrayList<>();
        List<LoadDriver.Outcome> p = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
          d.add(load(direct, directHeaders, workers, warmup, seconds));
          p.add(load(proxied, proxyHeaders, workers, warmup, seconds));
        }
        System.out.println(report(d, p, workers, seconds, rounds));
        System.out.println("FakeGarmin answer latency: " + latencyMillis + " ms.");
      }
    }
  }

  private static String signIn(String base) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/connections/" + USER + "/login"))
                .header("Authorization", "Bearer " + JOB_KEY)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\""
                            + FakeGarmin.DEMO_EMAIL
                            + "\",\"password\":\""
                            + FakeGarmin.DEMO_PASSWORD
                            + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() != 200) {
      throw new IllegalStateException("sign-in answered " + login.statusCode());
    }
    HttpResponse<String> token =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/connections/" + USER + "/token"))
                .header("Authorization", "Bearer " + JOB_KEY)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String body = token.body();
    int start = body.indexOf("\"accessToken\":\"") + 15;
    return body.substring(start, body.indexOf('"', start));
  }

  private static LoadDriver.Outcome load(
      String url, List<String[]> headers, int workers, int warmup, int seconds) throws Exception {
    LoadDriver.Outcome o =
        LoadDriver.run(
            new LoadDriver.Settings(
                url,
                1,
                "GET",
                headers,
                workers,
                Duration.ofSeconds(warmup),
                Duration.ofSeconds(seconds),
                10_000_000));
    if (o.errors() > 0) {
      throw new IllegalStateException(
          o.errors() + " errors calling " + url.replaceAll("\\?.*", ""));
    }
    return o;
  }

  static String report(
      List<LoadDriver.Outcome> direct,
      List<LoadDriver.Outcome> proxied,
      int workers,
      int seconds,
      int rounds) {
    StringBuilder out = new StringBuilder();
    out.append(
        "| round | direct rps | proxied rps | ratio | direct p50 / p99 (µs) | proxied p50 / p99 (µs) | added p50 / p99 (µs) |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < direct.size(); i++) {
      LoadDriver.Outcome d = direct.get(i);
      LoadDriver.Outcome p = proxied.get(i);
      out.append(
          String.format(
              Locale.ROOT,
              "| %d | %.0f | %.0f | %.2fx | %d / %d | %d / %d | %d / %d |%n",
              i + 1,
              d.requestsPerSecond(),
              p.requestsPerSecond(),
              p.requestsPerSecond() / d.requestsPerSecond(),
              d.p50Micros(),
              d.p99Micros(),
              p.p50Micros(),
              p.p99Micros(),
              p.p50Micros() - d.p50Micros(),
              p.p99Micros() - d.p99Micros()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%n%d workers, one user, %d s measured per side per round, %d round(s), alternating.%n",
            workers,
            seconds,
            rounds));
    return out.toString();
  }
}
