package com.fittrack.garminauth.garmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.ReauthRequiredException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.testkit.fakegarmin.FakeAccount;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarminExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** FakeGarmin and the client with 64 concurrent callers: correct counts, no cross-talk. */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FakeGarminUnderLoadTest {
  private static final int CALLERS = 64;
  private static final int REFRESHES = 5;
  private static final String PASSWORD = "load-password";

  @RegisterExtension
  static final FakeGarminExtension garmin =
      new FakeGarminExtension(
          () -> {
            FakeGarmin.Builder b = FakeGarmin.builder().strictRefreshTokenReuse(true);
            for (int i = 0; i < CALLERS; i++) {
              b.account(
                  i % 2 == 0
                      ? FakeAccount.plain(email(i), PASSWORD)
                      : FakeAccount.withMfa(
                          email(i), PASSWORD, i % 4 == 1 ? "email" : "sms", "1000" + i));
            }
            return b;
          });

  private static String email(int i) {
    return "user" + i + "@load.example.com";
  }

  private static <T> List<T> runAtOnce(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    CountDownLatch gate = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  gate.await();
                  return task.call();
                }));
      }
      gate.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sixtyFourUsersSignInRefreshAndIdentifyAtOnce() throws Exception {
    GarminClient client = TestClients.builderFor(garmin.fake()).build();
    List<Callable<String>> tasks = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      int n = i;
      tasks.add(
          () -> {
            SignInOutcome outcome = client.signIn(email(n), Secret.of(PASSWORD));
            if (outcome instanceof SignInOutcome.MfaRequired mfa) {
              outcome = client.completeMfa(mfa.method(), mfa.resumeState(), "1000" + n);
            }
            GarminCredentials c = ((SignInOutcome.SignedIn) outcome).credentials();
            for (int r = 0; r < REFRESHES; r++) {
              c = client.refresh(c);
            }
            return client.identify(c).orElseThrow().displayName();
          });
    }

    List<String> names = runAtOnce(tasks);

    for (int i = 0; i < CALLERS; i++) {
      assertThat(names.get(i)).isEqualTo("user" + i);
      assertThat(garmin.fake().counters().refreshes(email(i))).isEqualTo(REFRESHES);
    }
    assertThat(garmin.fake().counters().signIns()).isEqualTo(CALLERS);
    assertThat(garmin.fake().counters().mfaAttempts()).isEqualTo(CALLERS / 2);
    assertThat(garmin.fake().counters().reuseDetections()).isZero();
  }

  @Test
  void ofSixtyFourPresentersOfOneRefreshTokenExactlyOneWinsAndStrictModeRevokesTheRest()
      throws Exception {
    GarminClient client = TestClients.builderFor(garmin.fake()).build();
    GarminCredentials shared =
        ((SignInOutcome.SignedIn) client.signIn(email(0), Secret.of(PASSWORD))).credentials();
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      tasks.add(
          () -> {
            try {
              return client.refresh(shared);
            } catch (ReauthRequiredException e) {
              return e;
            }
          });
    }

    List<Object> results = runAtOnce(tasks);

    List<GarminCredentials> winners =
        results.stream()
            .filter(GarminCredentials.class::isInstance)
            .map(GarminCredentials.class::cast)
            .toList();
    assertThat(winners).hasSize(1);
    assertThat(results).filteredOn(ReauthRequiredException.class::isInstance).hasSize(CALLERS - 1);
    assertThat(garmin.fake().counters().reuseDetections()).isEqualTo(CALLERS - 1);
    assertThat(garmin.fake().counters().refreshes(email(0))).isEqualTo(1);
    // Strict mode: the reuse revoked the family, the winner's fresh token included.
    assertThat(results)
        .noneMatch(r -> r instanceof RuntimeException && !(r instanceof ReauthRequiredException));
    assertThatThrownBy(() -> client.refresh(winners.get(0)))
        .isInstanceOf(ReauthRequiredException.class);
  }
}
