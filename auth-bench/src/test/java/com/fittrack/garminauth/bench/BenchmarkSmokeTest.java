package com.fittrack.garminauth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Proves that the benchmarks compile, that JMH finds them, and that each runs one tiny iteration to
 * a sane outcome, in this JVM (no fork) on an in-memory H2. It measures nothing: no timing is
 * asserted, only that every benchmark completed and produced a figure.
 */
@Tag("integration")
class BenchmarkSmokeTest {
  private final JmhRuns jmh = new JmhRuns(SuitePlan.smoke(), VerboseMode.SILENT);

  @Test
  void tokenReadRunsTheFloorAndTheHotPathOnH2() throws Exception {
    List<TokenReadResult> results =
        jmh.tokenRead(
            List.of("h2mem"),
            50,
            2,
            "",
            List.of("floorJdbcSelect", "accessToken", "accessTokenNearCache"));

    assertThat(results)
        .extracting(TokenReadResult::method)
        .containsExactlyInAnyOrder("floorJdbcSelect", "accessToken", "accessTokenNearCache");
    assertThat(results)
        .allSatisfy(
            r -> {
              assertThat(r.target()).isEqualTo("H2");
              assertThat(r.threads()).isEqualTo(2);
              assertThat(r.users()).isEqualTo(50);
              assertThat(r.meanMicros().value()).isPositive();
              assertThat(r.p99()).isGreaterThanOrEqualTo(r.p50());
            });
  }

  @Test
  void refreshSweepRefreshesEveryDueSessionOnH2() throws Exception {
    // The benchmark itself fails the run unless the sweep refreshed all 40 due sessions.
    List<RefreshResult> results = jmh.refresh(List.of("h2mem"), "stub", 60, 40, List.of(4), 5, "");

    assertThat(results).hasSize(1);
    RefreshResult r = results.get(0);
    assertThat(r.due()).isEqualTo(40);
    assertThat(r.stored()).isEqualTo(60);
    assertThat(r.parallelism()).isEqualTo(4);
    assertThat(r.secondsPerSweep().value()).isPositive();
    assertThat(r.ceiling()).isEqualTo(4 * 1000.0 / 5);
  }

  @Test
  void refreshSweepGoesThroughTheRealClientAndFakeGarminOnH2() throws Exception {
    List<RefreshResult> results = jmh.refresh(List.of("h2mem"), "fake", 30, 20, List.of(4), 5, "");

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.garmin()).isEqualTo("fake");
              assertThat(r.due()).isEqualTo(20);
              assertThat(r.secondsPerSweep().value()).isPositive();
            });
  }
}
