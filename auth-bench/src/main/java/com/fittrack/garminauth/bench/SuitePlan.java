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
 * @param httpSeconds measured seconds per HTTP load run (after as long again of warm-up)
 * @param httpNearCacheOff whether figure 3 also runs each server with its near cache off
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
    boolean httpNearCacheOff) {

  public static SuitePlan quick() {
    return new SuitePlan(
        "quick",
        1,
        3,
        3,
        1,
        List.of(1, 16),
        1_000,
        List.of(20_000),
        2_000,
        List.of(16),
        3,
        5,
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
        true);
  }

  /** The smallest run that still goes through every code path (the smoke test uses it). */
  public static SuitePlan smoke() {
    return new SuitePlan(
        "smoke", 0, 0, 1, 1, List.of(2), 50, List.of(), 40, List.of(4), 1, 1, false);
  }
}
