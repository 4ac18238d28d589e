package com.fittrack.garminauth.garmin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.GarminAuth;
import com.fittrack.garminauth.core.application.AuthPolicy;
import com.fittrack.garminauth.core.application.port.in.CompleteMfaCommand;
import com.fittrack.garminauth.core.application.port.in.LoginCommand;
import com.fittrack.garminauth.core.application.port.in.LoginResult;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.garmin.session.GarminSessionFiles;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarminExtension;
import com.fittrack.garminauth.testkit.memory.InMemoryChallengeRepository;
import com.fittrack.garminauth.testkit.memory.InMemoryConnectionRepository;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The way an embedding service uses this module: the core facade with this client, a user connected
 * through MFA, and Connect API calls through the interceptor, which recovers from a rejected token
 * with one refresh however many calls saw the 401.
 */
@Tag("integration")
class EmbeddedUseTest {
  private static final UserId USER = UserId.of("user-7");

  @RegisterExtension static final FakeGarminExtension garmin = new FakeGarminExtension();

  private GarminAuth auth;
  private OkHttpClient api;

  @BeforeEach
  void connect() {
    auth =
        GarminAuth.builder()
            .connections(new InMemoryConnectionRepository())
            .challenges(new InMemoryChallengeRepository())
            .authenticator(TestClients.builderFor(garmin.fake()).build())
            // These tokens are rejected seconds after they were issued; the 30-s floor on forced
            // refreshes (tested in the core) would answer 429 instead of refreshing them.
            .policy(AuthPolicy.defaults().toBuilder().forcedRefreshFloor(Duration.ZERO).build())
            .build();
    api =
        TestClients.SHARED
            .newBuilder()
            .addInterceptor(new GarminConnectAuthInterceptor(auth.sessions(), USER))
            .build();
  }

  private void signInWithMfa() {
    LoginResult.MfaRequired mfa =
        (LoginResult.MfaRequired)
            auth.login(
                LoginCommand.of(USER.value(), FakeGarmin.DEMO_MFA_EMAIL, FakeGarmin.DEMO_PASSWORD));
    auth.completeMfa(new CompleteMfaCommand(USER, mfa.challengeId(), FakeGarmin.DEMO_MFA_CODE));
  }

  private int activities() throws IOException {
    Request request =
        new Request.Builder()
            .url(
                garmin.fake().connectApiUrl()
                    + "/activitylist-service/activities/search/activities")
            .build();
    try (Response response = api.newCall(request).execute()) {
      return response.code();
    }
  }

  @Test
  void aConnectedUsersCallsCarryItsToken() throws IOException {
    signInWithMfa();

    assertThat(activities()).isEqualTo(200);
    assertThat(auth.status(USER))
        .hasValueSatisfying(
            s -> {
              assertThat(s.status()).isEqualTo(ConnectionStatus.CONNECTED);
              assertThat(s.garminDisplayName()).contains("mfa");
            });
  }

  @Test
  void sixteenCallsRejectedAtOnceCostGarminOneRefresh() throws Exception {
    signInWithMfa();
    garmin.fake().rejectAccessToken(auth.sessions().accessToken(USER).token().reveal());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<Integer>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        calls.add(
            pool.submit(
                () -> {
                  gate.await();
                  return activities();
                }));
      }
      gate.countDown();
      for (Future<Integer> call : calls) {
        assertThat(call.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(garmin.fake().counters().refreshes(FakeGarmin.DEMO_MFA_EMAIL)).isEqualTo(1);
    assertThat(garmin.fake().counters().reuseDetections()).isZero();
  }

  @Test
  void anImportedGarminConnectSessionIsUsedAndRefreshed() throws IOException {
    // A python-garminconnect token file for a session FakeGarmin issued.
    DiOAuth2Credentials issued =
        (DiOAuth2Credentials)
            ((SignInOutcome.SignedIn)
                    TestClients.builderFor(garmin.fake())
                        .build()
                        .signIn(FakeGarmin.DEMO_EMAIL, Secret.of(FakeGarmin.DEMO_PASSWORD)))
                .credentials();
    String file =
        "{\"di_token\": \""
            + issued.accessToken().reveal()
            + "\", \"di_refresh_token\": \""
            + issued.refreshToken().reveal()
            + "\", \"di_client_id\": \""
            + issued.clientId()
            + "\"}";

    auth.importSession(USER, GarminSessionFiles.parse(Optional.empty(), file));
    garmin.fake().rejectAccessToken(issued.accessToken().reveal());

    assertThat(activities()).isEqualTo(200);
    assertThat(auth.sessions().accessToken(USER).token()).isNotEqualTo(issued.accessToken());
    assertThat(garmin.fake().counters().refreshes(FakeGarmin.DEMO_EMAIL)).isEqualTo(1);
  }
}
