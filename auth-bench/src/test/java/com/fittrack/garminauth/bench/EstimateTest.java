package com.fittrack.garminauth.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EstimateTest {

  @Test
  void ratioCombinesRelativeErrorsInQuadrature() {
    Estimate ratio = new Estimate(30, 3).dividedBy(new Estimate(20, 1.5));

    assertThat(ratio.value()).isEqualTo(1.5);
    // 10% and 7.5% relative: sqrt(0.01 + 0.005625) = 12.5% of 1.5
    assertThat(ratio.error()).isCloseTo(0.1875, within(1e-9));
  }

  @Test
  void operationsPerSecondKeepTheRelativeErrorOfTheTimePerOperation() {
    Estimate perSecond = new Estimate(50, 5).reciprocalTimes(16 * 1_000_000.0);

    assertThat(perSecond.value()).isEqualTo(320_000.0);
    assertThat(perSecond.error()).isCloseTo(32_000.0, within(1e-6));
  }

  @Test
  void anUnknownErrorStaysUnknownAndSaysSo() {
    Estimate single = new Estimate(2.0, Double.NaN);

    assertThat(single.hasError()).isFalse();
    assertThat(single.dividedBy(new Estimate(1.0, 0.1)).hasError()).isFalse();
    assertThat(single.format(1)).isEqualTo("2.0 ± n/a");
  }
}
