package com.fittrack.garminauth.core.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AuthPolicyTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    AuthPolicy p = AuthPolicy.defaults();
    assertThat(p.refreshMargin()).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.challengeTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(p.maxMfaAttempts()).isEqualTo(5);
    assertThat(p.leaseWait()).isGreaterThan(p.refreshLease());
  }

  @Test
  void theBuilderChangesOnlyWhatItIsTold() {
    AuthPolicy changed =
        AuthPolicy.defaults().toBuilder()
            .refreshMargin(Duration.ofMinutes(2))
            .refreshLease(Duration.ofSeconds(10))
            .leasePollInterval(Duration.ofMillis(20))
            .challengeTtl(Duration.ofMinutes(3))
            .maxMfaAttempts(3)
            .mfaAttemptLock(Duration.ofSeconds(5))
            .storeRetryBackoff(Duration.ofMillis(10))
            .loginAttemptWindow(Duration.ofMinutes(1))
            .build();

    assertThat(changed)
        .isEqualTo(
            new AuthPolicy(
                Duration.ofMinutes(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(35),
                Duration.ofMillis(20),
                Duration.ofMinutes(3),
                3,
                Duration.ofSeconds(5),
                5,
                Duration.ofMillis(10),
                5,
                Duration.ofMinutes(1),
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                Duration.ofMinutes(30),
                5));
  }

  @Test
  void rejectsNonsense() {
    assertRejected(b -> b.refreshMargin(Duration.ZERO));
    assertRejected(b -> b.leaseWait(Duration.ofSeconds(-1)));
    assertRejected(b -> b.refreshLease(null));
    assertRejected(b -> b.maxMfaAttempts(0));
    assertRejected(b -> b.maxMfaAttempts(21));
    assertRejected(b -> b.storeRetries(-1));
    assertRejected(b -> b.storeRetries(21));
    assertRejected(b -> b.loginAttemptsPerWindow(0));
  }

  private static void assertRejected(UnaryOperator<AuthPolicy.Builder> change) {
    assertThatThrownBy(() -> change.apply(AuthPolicy.defaults().toBuilder()).build())
        .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
  }
}
