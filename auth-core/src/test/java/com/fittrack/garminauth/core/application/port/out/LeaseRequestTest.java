package com.fittrack.garminauth.core.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseRequestTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void aLeaseNeedsAHolderOfSaneLengthAndMustEndAfterItStarts() {
    assertThat(new LeaseRequest("worker-1", T, T.plusSeconds(30)).holder()).isEqualTo("worker-1");
    assertThatThrownBy(() -> new LeaseRequest(" ", T, T.plusSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LeaseRequest("h".repeat(65), T, T.plusSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LeaseRequest("worker-1", T, T))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
