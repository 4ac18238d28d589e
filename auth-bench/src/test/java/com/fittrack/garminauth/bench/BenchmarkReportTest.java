package com.fittrack.garminauth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {
  private static final MachineInfo MACHINE =
      new MachineInfo("Test CPU", 2, "8.0 GiB", "Linux", "OpenJDK 17", "1.00 1.00 1.00");

  private static BenchmarkReport report(List<TokenReadResult> reads, List<RefreshResult> sweeps) {
    return new BenchmarkReport(
        new BenchmarkReport.RunInfo(
            SuitePlan.quick(),
            MACHINE,
            "2.00 1.50 1.00",
            Instant.parse("2026-11-26T08:00:00Z"),
            Duration.ofSeconds(200),
            "auth-bench/run-benchmarks.sh --quick",
            "abc1234"),
        reads,
        sweeps,
        "## 3. HTTP\n\n_Not measured yet: because._\n",
        "## Notes\n\nhand-written\n");
  }

  private static TokenReadResult read(String method, double micros) {
    return new TokenReadResult(
        "H2", 1000, 1, method, new Estimate(micros, 0.5), micros, micros * 2);
  }

  @Test
  void aTokenReadSlowerThanOneAndAHalfFloorsIsReportedAsMissed() {
    String md =
        report(List.of(read("floorJdbcSelect", 10), read("accessToken", 20)), List.of()).render();

    assertThat(md).contains("| 2.00 ± 0.11x | 2.00x | **MISSED** (≤ 1.5x) |");
  }

  @Test
  void aTokenReadWithinTheTargetIsReportedAsMet() {
    String md =
        report(List.of(read("floorJdbcSelect", 10), read("accessToken", 14)), List.of()).render();

    assertThat(md).contains("| 1.40 ± 0.09x | 1.40x | met (≤ 1.5x) |").doesNotContain("MISSED");
  }

  @Test
  void refreshThroughputIsAFractionOfParallelismOverLatency() {
    // 16 workers, 20 ms: ceiling 800/s; 10,000 refreshes in 15.625 s is 640/s, i.e. 80%.
    RefreshResult sweep =
        new RefreshResult(
            "PostgreSQL", "stub", 16, 20, 64, 10_000, 10_000, new Estimate(15.625, 0));
    String md = report(List.of(), List.of(sweep)).render();

    assertThat(md).contains("| 640 ± 0 | 800 | 80.0 ± 0.0% | met (≥ 80%) |");
  }

  @Test
  void theReportSaysWhereAndHowItWasMeasuredAndKeepsTheOtherSections() {
    String md = report(List.of(), List.of()).render();

    assertThat(md)
        .contains("`auth-bench/run-benchmarks.sh --quick`")
        .contains("Test CPU, 2 cores, 8.0 GiB")
        .contains("OpenJDK 17")
        .contains("2026-11-26T08:00:00")
        .contains("abc1234")
        .contains("_Not measured yet: because._")
        .contains("hand-written");
  }
}
