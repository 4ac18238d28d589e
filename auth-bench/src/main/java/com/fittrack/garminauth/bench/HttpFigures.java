package com.fittrack.garminauth.bench;

import com.fittrack.garminauth.persistence.DatabaseSettings;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Figures 3 and 4: the standalone server over HTTP, loaded by {@link LoadDriver} from a second
 * process, against {@link BaselineServer} measured the same way in the same run.
 */
final class HttpFigures {
  static final int WORKERS = 16;
  private static final String API_SECRET = "bench-api-key-0123456789abcdef0123456789";

  /**
   * The warm-up ends once the server's JIT compilers used at most this share of one core over the
   * last {@link #SETTLED_WINDOW} (and at least the measured length has passed). Measured on this
   * machine (2 cores, 16 workers, the driver alongside): the compilers still took 30-40% of the
   * server's CPU after 10-20 s of load, about 3% after 30 s.
   */
  static final double SETTLED_COMPILER_SHARE = 0.05;

  static final Duration SETTLED_WINDOW = Duration.ofSeconds(5);

  /**
   * One server measured: its starts (the first {@code starts - 1} only to ready, the last one then
   * loaded), memory, the load run, and how long its warm-up took to settle.
   *
   * @param compilerShare the share of the server's CPU in the measured phase that went to its JIT
   *     compilers (near 0 in a steady state)
   */
  record Run(
      String name,
      List<Duration> starts,
      double rssAfterStartMib,
      double rssUnderLoadMib,
      LoadDriver.Outcome load,
      double serverCpuMicrosPerRequest,
      double warmupSeconds,
      boolean warmupSettled,
      double compilerShare) {

    /** The median of the starts (the lower middle one of an even count). */
    Duration startToReady() {
      List<Duration> sorted = starts.stream().sorted().toList();
      return sorted.get((sorted.size() - 1) / 2);
    }
  }

  private final Path benchJar;
  private final Path work;
  private final SuitePlan plan;

  HttpFigures(Path benchJar, Path work, SuitePlan plan) {
    this.benchJar = benchJar;
    this.work = work;
    this.plan = plan;
  }

  /**
   * Measures the baseline, the server on each of {@code targets}, and the server with its near
   * cache off on each of {@code noCacheTargets}; the markdown of figures 3 and 4.
   */
  String measure(Path serverJar, List<String> targets, List<String> noCacheTargets)
      throws Exception {
    List<Run> runs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    runs.add(
        run(
            "baseline (minimal Javalin route)",
            List.of(java(), "-cp", benchJar.toString(), BaselineServer.class.getName()),
            Map.of(),
            Map.of()));
    for (String target : targets) {
      String name = "garmin-auth-server, " + BenchTarget.shortName(target);
      try {
        runs.add(serverRun(name, List.of(java(), "-jar", serverJar.toString()), target, true));
      } catch (Exception | AssertionError e) {
        problems.add(name + ": " + e.getMessage());
      }
    }
    Path archive = classDataArchive(serverJar);
    for (String target : targets) {
      if (!target.startsWith("postgres:") && Files.isRegularFile(archive)) {
        // ADR 0117: the same server started from the archive the build writes beside the jar.
        String name = "garmin-auth-server, " + BenchTarget.shortName(target) + ", AppCDS";
        try {
          runs.add(
              serverRun(
                  name,
                  List.of(java(), "-XX:SharedArchiveFile=" + archive, "-jar", serverJar.toString()),
                  target,
                  true));
        } catch (Exception | AssertionError e) {
          problems.add(name + ": " + e.getMessage());
        }
      }
    }
    for (String target : noCacheTargets) {
      String name = "garmin-auth-server, " + BenchTarget.shortName(target) + ", near cache off";
      try {
        runs.add(serverRun(name, List.of(java(), "-jar", serverJar.toString()), target, false));
      } catch (Exception | AssertionError e) {
        problems.add(name + ": " + e.getMessage());
      }
    }
    return HttpReport.render(runs, problems, plan, WORKERS);
  }

  /** The class-data archive the build writes beside the server jar (ADR 0117). */
  static Path classDataArchive(Path serverJar) {
    String jar = serverJar.getFileName().toString();
    return serverJar.resolveSibling(jar.replaceAll("\\.jar$", "") + ".jsa");
  }

  private Run serverRun(String name, List<String> command, String target, boolean nearCache)
      throws Exception {
    String keys = KeyRing.generateKeySpec();
    Path dataDir =
        work.resolve(
            "server-"
                + BenchTarget.shortName(target).toLowerCase(Locale.ROOT)
                + (nearCache ? "" : "-no-cache")
                + (command.size() > 3 ? "-cds" : ""));
    Files.createDirectories(dataDir);
    Map<String, String> env = new HashMap<>();
    if (!nearCache) {
      env.put("GARMIN_AUTH_NEAR_CACHE_SIZE", "0");
    }
    env.put("GARMIN_AUTH_DATA_DIR", dataDir.toString());
    env.put("GARMIN_AUTH_ENCRYPTION_KEYS", keys);
    env.put("GARMIN_AUTH_API_KEYS", "bench:" + API_SECRET + ":tokens:read");
    DatabaseSettings settings;
    if (target.startsWith("postgres:")) {
      settings = BenchTarget.parse(target).settings();
      env.put("GARMIN_AUTH_DB_URL", settings.jdbcUrl());
      env.put("GARMIN_AUTH_DB_USER", settings.user());
    } else {
      settings = DatabaseSettings.h2File(dataDir);
    }
    // Seed before the server starts (an H2 file has one process at a time).
    try (GarminAuthDatabase db = GarminAuthDatabase.open(settings, KeyRing.parse(keys))) {
      db.migrate();
      Seeder.ensure(db, plan.users(), Instant.now().plus(Duration.ofDays(2)));
    }
    return run(name, command, env, Map.of("Authorization", "Bearer " + API_SECRET));
  }

  private Run run(
      String name, List<String> command, Map<String, String> env, Map<String, String> headers)
      throws Exception {
    int port = ServerProcess.freePort();
    Map<String, String> withPort = new HashMap<>(env);
    withPort.put("GARMIN_AUTH_PORT", Integer.toString(port));
    withPort.put("GARMIN_AUTH_BIND", "127.0.0.1");
    List<String> cmd = new ArrayList<>(command);
    if (cmd.contains(BaselineServer.class.getName())) {
      cmd.add(Integer.toString(port));
    }
    Path log = work.resolve("http-" + port + ".log");
    List<Duration> starts = new ArrayList<>();
    for (int round = 1; round < plan.startRounds(); round++) {
      // starts to ready only; an H2 file has one process at a time, so one after the other
      try (ServerProcess server = ServerProcess.start(cmd, withPort, port, log)) {
        starts.add(server.startToReady());
      }
    }
    try (ServerProcess server = ServerProcess.start(cmd, withPort, port, log)) {
      starts.add(server.startToReady());
      double afterStart = server.residentMib();
      String path = "/v1/connections/" + Seeder.user(0).value() + "/token";
      int status = server.probe("POST", path, headers);
      if (status != 200) {
        throw new IllegalStateException(
            "POST " + path + " answered " + status + " (see " + log + ")");
      }
      AtomicReference<Double> peak = new AtomicReference<>(afterStart);
      Thread sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  peak.accumulateAndGet(server.residentMib(), Math::max);
                  try {
                    Thread.sleep(200);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.setDaemon(true);
      sampler.start();
      long[] atStart = {-1, -1};
      Warmup warmup = new Warmup(server, Duration.ofSeconds(plan.httpSeconds()));
      LoadDriver.Outcome load =
          drive(
              port,
              headers,
              warmup,
              () -> {
                atStart[0] = server.cpuNanos();
                atStart[1] = server.compilerCpuNanos();
              });
      long cpuAtEnd = server.cpuNanos();
      long compilerAtEnd = server.compilerCpuNanos();
      sampler.interrupt();
      sampler.join();
      long cpu = cpuAtEnd - atStart[0];
      boolean known = atStart[0] >= 0 && cpuAtEnd >= 0 && load.requests() > 0;
      double cpuPerRequest = known ? cpu / 1000.0 / load.requests() : Double.NaN;
      double compilerShare =
          known && atStart[1] >= 0 && compilerAtEnd >= 0 && cpu > 0
              ? Math.max(0, compilerAtEnd - atStart[1]) / (double) cpu
              : Double.NaN;
      return new Run(
          name,
          starts,
          afterStart,
          peak.get(),
          load,
          cpuPerRequest,
          warmup.seconds(),
          warmup.settled(),
          compilerShare);
    }
  }

  /**
   * Watches a loaded server's JIT compilers during the warm-up: {@link #settled()} once they used
   * at most {@link #SETTLED_COMPILER_SHARE} of a core over the last {@link #SETTLED_WINDOW}, and
   * not before {@code minimum} has passed.
   */
  static final class Warmup {
    private final ServerProcess server;
    private final Duration minimum;
    private final long began = System.nanoTime();
    private final java.util.ArrayDeque<long[]> samples = new java.util.ArrayDeque<>();
    private volatile boolean settled;
    private volatile long ended;

    Warmup(ServerProcess server, Duration minimum) {
      this.server = server;
      this.minimum = minimum;
    }

    /** Takes one sample; true once the warm-up may end. */
    boolean poll() {
      long now = System.nanoTime();
      long compiler = server.compilerCpuNanos();
      if (compiler < 0) {
        return false; // no /proc: the warm-up runs its full length
      }
      samples.addLast(new long[] {now, compiler});
      while (samples.size() > 1 && now - samples.getFirst()[0] > SETTLED_WINDOW.toNanos()) {
        samples.removeFirst();
      }
      long[] first = samples.getFirst();
      boolean windowFull = now - first[0] >= SETTLED_WINDOW.toNanos() * 9 / 10;
      double share = Math.max(0, compiler - first[1]) / (double) Math.max(1, now - first[0]);
      if (now - began >= minimum.toNanos() && windowFull && share <= SETTLED_COMPILER_SHARE) {
        settled = true;
      }
      return settled;
    }

    void end() {
      ended = System.nanoTime();
    }

    boolean settled() {
      return settled;
    }

    double seconds() {
      return ((ended == 0 ? System.nanoTime() : ended) - began) / 1e9;
    }
  }

  /**
   * Runs the load driver as its own process and reads its one-line report. The warm-up lasts until
   * {@code warmup} says the server's JIT has settled, at most the plan's longest warm-up; {@code
   * measuring} runs when the driver says its measured phase begins.
   */
  private LoadDriver.Outcome drive(
      int port, Map<String, String> headers, Warmup warmup, Runnable measuring) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java(),
                "-Xmx256m",
                // Jetty closes a connection idle for 30 s; the JDK client keeps idle ones for 20
                // minutes and may send on one the server has just closed (an error that is the
                // driver's, seen once or twice per run once warm-ups passed 30 s). Retire them
                // first.
                "-Djdk.httpclient.keepalive.timeout=20",
                "-cp",
                benchJar.toString(),
                LoadDriver.class.getName(),
                "--url",
                "http://127.0.0.1:" + port + "/v1/connections/{user}/token",
                "--users",
                Integer.toString(plan.users()),
                "--workers",
                Integer.toString(WORKERS),
                "--warmup",
                Integer.toString(Math.max(plan.httpSeconds(), plan.httpWarmupSeconds())),
                "--warmup-until-told",
                "--seconds",
                Integer.toString(plan.httpSeconds())));
    headers.forEach(
        (k, v) -> {
          cmd.add("--header");
          cmd.add(k + ": " + v);
        });
    Process driver = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (!warmup.poll()) {
                  Thread.sleep(250);
                }
                driver
                    .getOutputStream()
                    .write((LoadDriver.GO + "\n").getBytes(StandardCharsets.UTF_8));
                driver.getOutputStream().flush();
              } catch (InterruptedException | java.io.IOException e) {
                // the driver ended (or the run is over): its warm-up ran its full length
              }
            },
            "warm-up-watcher");
    watcher.setDaemon(true);
    watcher.start();
    String last = "";
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.equals(LoadDriver.MEASURING)) {
          warmup.end();
          watcher.interrupt();
          measuring.run();
        }
        last = line;
      }
    }
    if (driver.waitFor() != 0 || !last.startsWith("requests=")) {
      throw new IllegalStateException("the load driver failed: " + last);
    }
    return LoadDriver.Outcome.parse(last);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The sections of figures 3 and 4 when they could not be measured, saying why. */
  static String notMeasured(Optional<Path> serverJar) {
    String reason =
        "the standalone server jar (auth-http-javalin/target/garmin-auth-server.jar) was not"
            + " available to this run"
            + serverJar.map(p -> " (looked for " + p + ")").orElse("");
    return "## 3. HTTP: POST /v1/connections/{id}/token\n\n_Not measured yet: "
        + reason
        + "._\n\n## 4. Server start to ready, resident memory\n\n_Not measured yet: "
        + reason
        + "._\n";
  }
}
