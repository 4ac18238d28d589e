package com.fittrack.garminauth.garmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fittrack.garminauth.core.application.port.in.AccessToken;
import com.fittrack.garminauth.core.application.port.in.GarminSessions;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.NotConnectedException;
import com.fittrack.garminauth.core.domain.ReauthRequiredException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarminExtension;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The interceptor against FakeGarmin's sample API, which checks bearer tokens. */
@Tag("integration")
class GarminConnectAuthInterceptorTest {
  private static final UserId USER = UserId.of("user-42");

  @RegisterExtension static final FakeGarminExtension garmin = new FakeGarminExtension();

  private String validToken;

  /** GarminSessions that hands out scripted tokens and counts refresh requests. */
  static final class ScriptedSessions implements GarminSessions {
    final Deque<Object> current = new ArrayDeque<>();
    final Deque<Object> afterRefresh = new ArrayDeque<>();
    final AtomicInteger refreshes = new AtomicInteger();
    String lastRejected;

    @Override
    public AccessToken accessToken(UserId userId) {
      return next(current);
    }

    @Override
    public AccessToken refreshAfterRejection(UserId userId, String rejectedToken) {
      refreshes.incrementAndGet();
      lastRejected = rejectedToken;
      return next(afterRefresh);
    }

    private static AccessToken next(Deque<Object> q) {
      Object o = q.isEmpty() ? null : q.poll();
      if (o instanceof GarminAuthException e) {
        throw e;
      }
      return new AccessToken(Secret.of((String) o), Instant.now().plusSeconds(3600));
    }
  }

  private final ScriptedSessions sessions = new ScriptedSessions();

  @BeforeEach
  void signIn() {
    GarminClient client = TestClients.builderFor(garmin.fake()).build();
    SignInOutcome.SignedIn signedIn =
        (SignInOutcome.SignedIn)
            client.signIn(FakeGarmin.DEMO_EMAIL, Secret.of(FakeGarmin.DEMO_PASSWORD));
    validToken = signedIn.credentials().accessToken().reveal();
  }

  private Response call(RequestBody body) throws IOException {
    OkHttpClient api =
        TestClients.SHARED
            .newBuilder()
            .addInterceptor(new GarminConnectAuthInterceptor(sessions, USER))
            .build();
    Request.Builder request =
        new Request.Builder()
            .url(
                garmin.fake().connectApiUrl()
                    + "/activitylist-service/activities/search/activities?limit=1");
    if (body != null) {
      request.post(body);
    }
    return api.newCall(request.build()).execute();
  }

  @Test
  void addsTheBearerTokenOfTheUser() throws IOException {
    sessions.current.add(validToken);

    try (Response response = call(null)) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(sessions.refreshes).hasValue(0);
  }

  @Test
  void refreshesOnceAfterA401AndRetriesWithTheNewToken() throws IOException {
    sessions.current.add("stale-token");
    sessions.afterRefresh.add(validToken);

    try (Response response =
        call(RequestBody.create("{\"a\":1}", MediaType.get("application/json")))) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).contains("\"requestBodyBytes\":7");
    }
    assertThat(sessions.refreshes).hasValue(1);
    assertThat(sessions.lastRejected).isEqualTo("stale-token");
  }

  @Test
  void surfacesASecond401WithoutAnotherRefresh() throws IOException {
    sessions.current.add("stale-token");
    sessions.afterRefresh.add("still-stale");

    try (Response response = call(null)) {
      assertThat(response.code()).isEqualTo(401);
    }
    assertThat(sessions.refreshes).hasValue(1);
  }

  @Test
  void doesNotReplayAOneShotBody() throws IOException {
    sessions.current.add("stale-token");
    sessions.afterRefresh.add(validToken);
    RequestBody oneShot =
        new RequestBody() {
          @Override
          public MediaType contentType() {
            return MediaType.get("application/json");
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            sink.writeUtf8("{}");
          }

          @Override
          public boolean isOneShot() {
            return true;
          }
        };

    try (Response response = call(oneShot)) {
      assertThat(response.code()).isEqualTo(401);
    }
    assertThat(sessions.refreshes).hasValue(0);
  }

  @Test
  void aFailedRefreshSurfacesTheOriginal401() throws IOException {
    sessions.current.add("stale-token");
    sessions.afterRefresh.add(new ReauthRequiredException("invalid_grant", "rejected"));

    try (Response response = call(null)) {
      assertThat(response.code()).isEqualTo(401);
      assertThat(response.body().string()).contains("Unauthorized");
    }
  }

  @Test
  void noTokenFailsTheCallWithTheTypedReason() {
    sessions.current.add(new NotConnectedException(USER));

    GarminAuthIOException e = catchThrowableOfType(GarminAuthIOException.class, () -> call(null));

    assertThat(e.failure().code()).isEqualTo(ErrorCode.NOT_CONNECTED);
  }
}
