package com.fittrack.garminauth.bench;

import java.util.List;

/**
 * How long and how wide the suite runs. Chosen for a 2-core machine shared with other builds: one
 * or two forks (a fork is the unit of JIT and GC luck), short iterations but enough of them for a
 * confidence interval, and ratios against a baseline measured in the same run.
 *
 * @param forks JMH forks per benchmark
 * @param warmups warm-up iterations (for single-shot runs: warm-up sweeps)
 * @param iterations measured iterations (for single-shot runs: measured sweeps)
 * @param iterationSeconds length of one timed iteration
 * @param threads thread counts of figure 1
 * @param users stored users of figure 1
 * @param growthUsers the larger stored-user counts of figure 5
 * @param dueUsers sessions each sweep refreshes in figure 2
 * @param parallelisms sweeper parallelism values of figure 2
 * @param httpSeconds measured seconds per HTTP load run
 * @param httpWarmupSeconds the longest warm-up of an HTTP load run: it ends earlier, though not
 *     before {@code httpSeconds}, once the server's JIT compilers have been idle for five seconds
 *     (see {@link HttpFigures})
 * @param startRounds how many times each server of figure 4 is started (the median is reported)
 * @param diagnostics whether the variants that explain a figure run too: the near cache off in
 *     figures 3 (each server once more) and 5 (figure 1 always has it), and the in-process stub
 *     Garmin of figure 2 (which separates the sweeper's own cost from the HTTP round trip)
 */
public record SuitePlan(
    String name,
    int forks,
    int warmups,
    int iterations,
    int iterationSeconds,
    List<Integer> threads,
    int users,
    List<Integer> growthUsers,
    int dueUsers,
    List<Integer> parallelisms,
    int refreshIterations,
    int httpSeconds,
    int httpWarmupSeconds,
    int startRounds,
    boolean diagnostics) {

  public static SuitePlan quick() {
    return new SuitePlan(
        "quick",
        1,
        2,
        3,
        1,
        List.of(1, 16),
        1_000,
        List.of(10_000),
        1_000,
        List.of(16),
        3,
        4,
        40,
        3,
        false);
  }

  public static SuitePlan full() {
    return new SuitePlan(
        "full",
        1,
        4,
        4,
        2,
        List.of(1, 16),
        1_000,
        List.of(100_000),
        10_000,
        List.of(16, 64),
        4,
        10,
        60,
        5,
        true);
  }

  /** The smallest run that still goes through every code path (the smoke test uses it). */
  public static SuitePlan smoke() {
    return new SuitePlan(
        "smoke", 0, 0, 1, 1, List.of(2), 50, List.of(), 40, List.of(4), 1, 1, 1, 1, false);
  }
}
