package com.fittrack.garminauth.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs the JMH benchmarks with a {@link SuitePlan} and turns JMH's results into figures. */
public final class JmhRuns {
  /** Heap of every fork: fixed, so that runs are comparable and GC sizing does not wander. */
  static final String[] FORK_JVM_ARGS = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"};

  private final SuitePlan plan;
  private final VerboseMode verbosity;

  public JmhRuns(SuitePlan plan, VerboseMode verbosity) {
    this.plan = plan;
    this.verbosity = verbosity;
  }

  /** Figure 1 (and 5): {@code methods} of {@link TokenReadBenchmark} on each target. */
  public List<TokenReadResult> tokenRead(
      List<String> targets, int users, int threads, String keyFile, List<String> methods)
      throws RunnerException {
    ChainedOptionsBuilder options =
        base(TokenReadBenchmark.class, methods)
            .param("target", targets.toArray(String[]::new))
            .param("users", Integer.toString(users))
            .param("keyFile", keyFile)
            .threads(threads)
            .warmupIterations(plan.warmups())
            .warmupTime(TimeValue.seconds(plan.iterationSeconds()))
            .measurementIterations(plan.iterations())
            .measurementTime(TimeValue.seconds(plan.iterationSeconds()));
    List<TokenReadResult> results = new ArrayList<>();
    for (RunResult run : run(options)) {
      BenchmarkParams p = run.getParams();
      Result<?> r = run.getPrimaryResult();
      results.add(
          new TokenReadResult(
              BenchTarget.shortName(p.getParam("target")),
              Integer.parseInt(p.getParam("users")),
              p.getThreads(),
              method(p),
              new Estimate(r.getScore(), r.getScoreError()),
              r.getStatistics().getPercentile(50),
              r.getStatistics().getPercentile(99)));
    }
    return results;
  }

  /** Figure 2 (and 5): one sweep per iteration of {@link RefreshThroughputBenchmark}. */
  public List<RefreshResult> refresh(
      List<String> targets,
      String garmin,
      int stored,
      int due,
      List<Integer> parallelisms,
      int latencyMillis,
      String keyFile)
      throws RunnerException {
    ChainedOptionsBuilder options =
        base(RefreshThroughputBenchmark.class, List.of("sweep"))
            .param("target", targets.toArray(String[]::new))
            .param("garmin", garmin)
            .param("storedUsers", Integer.toString(stored))
            .param("dueUsers", Integer.toString(due))
            .param("parallelism", parallelisms.stream().map(String::valueOf).toArray(String[]::new))
            .param("latencyMillis", Integer.toString(latencyMillis))
            .param("keyFile", keyFile)
            .threads(1)
            .warmupIterations(Math.min(1, plan.warmups()))
            .measurementIterations(plan.refreshIterations());
    List<RefreshResult> results = new ArrayList<>();
    for (RunResult run : run(options)) {
      BenchmarkParams p = run.getParams();
      Result<?> r = run.getPrimaryResult();
      results.add(
          new RefreshResult(
              BenchTarget.shortName(p.getParam("target")),
              p.getParam("garmin"),
              Integer.parseInt(p.getParam("parallelism")),
              Integer.parseInt(p.getParam("latencyMillis")),
              Integer.parseInt(p.getParam("batchSize")),
              Integer.parseInt(p.getParam("storedUsers")),
              Integer.parseInt(p.getParam("dueUsers")),
              new Estimate(r.getScore(), r.getScoreError())));
    }
    return results;
  }

  private ChainedOptionsBuilder base(Class<?> benchmark, List<String> methods) {
    String alternatives = String.join("|", methods.stream().map(Pattern::quote).toList());
    return new OptionsBuilder()
        .include("^" + Pattern.quote(benchmark.getName()) + "\\.(" + alternatives + ")$")
        .forks(plan.forks())
        .jvmArgsAppend(FORK_JVM_ARGS)
        .shouldFailOnError(true)
        .verbosity(verbosity);
  }

  private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
    Collection<RunResult> results = new Runner(options.build()).run();
    if (results.isEmpty()) {
      throw new IllegalStateException(
          "JMH found no benchmark to run: is the generated code there?");
    }
    return results;
  }

  private static String method(BenchmarkParams p) {
    String name = p.getBenchmark();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
