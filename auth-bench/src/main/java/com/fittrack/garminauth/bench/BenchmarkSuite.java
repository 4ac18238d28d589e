package com.fittrack.garminauth.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark and writes docs/benchmarks.md. Started by {@code
 * auth-bench/run-benchmarks.sh [--quick]}, which builds the jar and passes {@code --out}, {@code
 * --command} and {@code --commit}.
 *
 * <pre>{@code
 * java -jar auth-bench/target/benchmarks.jar --quick --out docs/benchmarks.md
 * }</pre>
 */
public final class BenchmarkSuite {
  /** Figure 2's Garmin latency per refresh. */
  static final int LATENCY_MILLIS = 20;

  private BenchmarkSuite() {}

  /** Command-line options; see {@link #parse}. */
  record Options(
      boolean quick,
      Path out,
      Path work,
      String postgresUrl,
      Optional<Path> serverJar,
      String command,
      String commit,
      Set<Integer> figures) {

    boolean wants(int figure) {
      return figures.contains(figure);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = parse(args);
    SuitePlan plan = options.quick() ? SuitePlan.quick() : SuitePlan.full();
    Instant started = Instant.now();
    MachineInfo machine = MachineInfo.capture();
    JmhRuns jmh = new JmhRuns(plan, VerboseMode.NORMAL);
    List<TokenReadResult> reads = new ArrayList<>();
    List<RefreshResult> refreshes = new ArrayList<>();
    String http;
    try (BenchDatabases dbs = BenchDatabases.create(options.work(), options.postgresUrl())) {
      String key = dbs.keyFile();
      // The hot path with the near cache off (every read opens the row) and on (ADR 0104).
      List<String> methods = List.of("floorJdbcSelect", "accessToken", "accessTokenNearCache");
      if (options.wants(1)) {
        List<String> readTargets = dbs.targets("read_" + plan.users());
        for (int threads : plan.threads()) {
          reads.addAll(jmh.tokenRead(readTargets, plan.users(), threads, key, methods));
        }
      }
      Map<Integer, List<String>> growthTargets = new TreeMap<>();
      for (int users : options.wants(5) ? plan.growthUsers() : List.<Integer>of()) {
        List<String> targets = dbs.targets("read_" + users);
        growthTargets.put(users, targets);
        reads.addAll(
            jmh.tokenRead(
                targets,
                users,
                1,
                key,
                plan.diagnostics() ? methods : List.of("floorJdbcSelect", "accessTokenNearCache")));
      }
      if (options.wants(2)) {
        List<String> sweepTargets = dbs.targets("sweep_" + plan.dueUsers());
        if (plan.diagnostics()) {
          // The stub isolates the sweeper and the database from HTTP: at each parallelism it
          // tells whether a shortfall of the real client is the sweeper's or the round trip's.
          refreshes.addAll(
              jmh.refresh(
                  sweepTargets,
                  "stub",
                  plan.dueUsers(),
                  plan.dueUsers(),
                  plan.parallelisms(),
                  LATENCY_MILLIS,
                  key));
        }
        refreshes.addAll(
            jmh.refresh(
                sweepTargets,
                "fake",
                plan.dueUsers(),
                plan.dueUsers(),
                plan.parallelisms(),
                LATENCY_MILLIS,
                key));
      }
      // Growth of figure 2 reuses figure 5's databases: their users are stored already.
      for (var entry : growthTargets.entrySet()) {
        refreshes.addAll(
            jmh.refresh(
                entry.getValue(),
                "fake",
                entry.getKey(),
                plan.dueUsers(),
                plan.parallelisms().subList(0, 1),
                LATENCY_MILLIS,
                key));
      }
      Optional<Path> serverJar = options.serverJar().filter(Files::isRegularFile);
      if ((options.wants(3) || options.wants(4)) && serverJar.isPresent()) {
        http =
            new HttpFigures(ownJar(), options.work(), plan)
                .measure(
                    serverJar.get(),
                    dbs.targets("http"),
                    plan.diagnostics() ? dbs.targets("http_no_cache") : List.of());
      } else {
        http = HttpFigures.notMeasured(options.serverJar());
      }
      if (options.wants(6) && serverJar.isPresent()) {
        http += "\n" + new TlsStartupFigure(options.work(), 5).measure(serverJar.get());
      }
    }
    BenchmarkReport report =
        new BenchmarkReport(
            new BenchmarkReport.RunInfo(
                plan,
                machine,
                MachineInfo.loadAverageNow(),
                started,
                Duration.between(started, Instant.now()),
                options.command(),
                options.commit()),
            reads,
            refreshes,
            http,
            notes());
    Files.createDirectories(options.out().toAbsolutePath().getParent());
    Files.writeString(options.out(), report.render(), StandardCharsets.UTF_8);
    System.out.println("Wrote " + options.out());
  }

  static Options parse(String[] args) {
    boolean quick = false;
    Path out = Path.of("docs/benchmarks.md");
    Path work = Path.of("auth-bench/target/bench-data");
    String pg = "jdbc:postgresql://127.0.0.1:5432/test";
    Optional<Path> serverJar = Optional.empty();
    String command = "auth-bench/run-benchmarks.sh";
    String commit = "unknown";
    Set<Integer> figures = new TreeSet<>(List.of(1, 2, 3, 4, 5, 6));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--full" -> quick = false;
        case "--out" -> out = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--pg-url" -> pg = args[++i];
        case "--server-jar" -> serverJar = Optional.of(Path.of(args[++i]));
        case "--command" -> command = args[++i];
        case "--commit" -> commit = args[++i];
        case "--figures" -> {
          // For investigating one figure; the documented run measures them all.
          figures.clear();
          for (String f : args[++i].split(",")) {
            figures.add(Integer.parseInt(f.trim()));
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new Options(quick, out, work, pg, serverJar, command, commit, figures);
  }

  /** The jar this runs from: the load driver and the baseline server start from it too. */
  private static Path ownJar() throws Exception {
    return Path.of(
        BenchmarkSuite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static String notes() throws IOException {
    try (InputStream in = BenchmarkSuite.class.getResourceAsStream("/benchmark-notes.md")) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
