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

  /** One server measured: start, memory, and the load run. */
  record Run(
      String name,
      Duration startToReady,
      double rssAfterStartMib,
      double rssUnderLoadMib,
      LoadDriver.Outcome load,
      double serverCpuMicrosPerRequest) {}

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
    return HttpReport.render(runs, problems, plan.httpSeconds(), WORKERS, plan.users());
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
    try (ServerProcess server = ServerProcess.start(cmd, withPort, port, log)) {
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
      long[] cpuAtStart = {-1};
      LoadDriver.Outcome load = drive(port, headers, () -> cpuAtStart[0] = server.cpuNanos());
      long cpuAtEnd = server.cpuNanos();
      sampler.interrupt();
      sampler.join();
      double cpuPerRequest =
          cpuAtStart[0] < 0 || cpuAtEnd < 0 || load.requests() == 0
              ? Double.NaN
              : (cpuAtEnd - cpuAtStart[0]) / 1000.0 / load.requests();
      return new Run(name, server.startToReady(), afterStart, peak.get(), load, cpuPerRequest);
    }
  }

  /**
   * Runs the load driver as its own process and reads its one-line report; {@code measuring} runs
   * when the driver says its measured phase begins.
   */
  private LoadDriver.Outcome drive(int port, Map<String, String> headers, Runnable measuring)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java(),
                "-Xmx256m",
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
                Integer.toString(plan.httpSeconds()),
                "--seconds",
                Integer.toString(plan.httpSeconds())));
    headers.forEach(
        (k, v) -> {
          cmd.add("--header");
          cmd.add(k + ": " + v);
        });
    Process driver = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String last = "";
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.equals(LoadDriver.MEASURING)) {
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
