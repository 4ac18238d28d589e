package com.fittrack.garminauth.core.application;

import static com.fittrack.garminauth.core.support.CoreHarness.START;
import static com.fittrack.garminauth.core.support.TestCredentials.di;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.port.out.GarminConnectApi;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.ReauthRequiredException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiBody;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiPath;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiRequest;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiResponse;
import com.fittrack.garminauth.core.support.CoreHarness;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectApiServiceTest {
  private static final UserId USER = UserId.of("user-1");
  private static final Instant IN_1_HOUR = START.plus(Duration.ofHours(1));
  private static final ConnectApiRequest GET =
      ConnectApiRequest.of(
          "GET",
          ConnectApiPath.of("activity-service/activity/1", null),
          List.of(),
          Optional.empty());

  private final CoreHarness h = new CoreHarness();
  private final FakeApi api = new FakeApi();
  private final ConnectApiService proxy = new ConnectApiService(h.useCases().sessions(), api);

  /** Accepts only the tokens in {@link #accepted}; records what was sent. */
  static final class FakeApi implements GarminConnectApi {
    final Set<String> accepted = new java.util.HashSet<>();
    final List<String> sentWith = new ArrayList<>();

    @Override
    public ConnectApiResponse send(ConnectApiRequest request, Secret accessToken) {
      sentWith.add(accessToken.reveal());
      int status = accepted.contains(accessToken.reveal()) ? 200 : 401;
      return new ConnectApiResponse(
          status,
          List.of(),
          Optional.of("application/json"),
          OptionalLong.of(2),
          new ByteArrayInputStream("{}".getBytes()),
          false);
    }
  }

  @Test
  void sendsTheCurrentTokenAndReturnsTheAnswer() {
    h.connected(USER, di("a1", "r1", IN_1_HOUR));
    api.accepted.add("a1");

    try (ConnectApiResponse r = proxy.call(USER, GET)) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.refreshed()).isFalse();
    }
    assertThat(api.sentWith).containsExactly("a1");
    assertThat(h.garmin.refreshCalls()).isZero();
  }

  @Test
  void aRefusedTokenIsRefreshedOnceAndTheCallSentAgain() {
    h.connected(USER, di("a1", "r1", IN_1_HOUR));
    h.garmin.refreshAnswers(di("a2", "r2", IN_1_HOUR));
    api.accepted.add("a2");

    try (ConnectApiResponse r = proxy.call(USER, GET)) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.refreshed()).isTrue();
    }
    assertThat(api.sentWith).containsExactly("a1", "a2");
    assertThat(h.garmin.refreshCalls()).isEqualTo(1);
  }

  @Test
  void aSecond401IsReturnedAsItIs() {
    h.connected(USER, di("a1", "r1", IN_1_HOUR));
    h.garmin.refreshAnswers(di("a2", "r2", IN_1_HOUR));

    try (ConnectApiResponse r = proxy.call(USER, GET)) {
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.refreshed()).isTrue();
    }
    assertThat(api.sentWith).containsExactly("a1", "a2");
  }

  @Test
  void aStreamedBodyIsNotSentTwice() {
    h.connected(USER, di("a1", "r1", IN_1_HOUR));
    ConnectApiRequest upload =
        ConnectApiRequest.of(
            "POST",
            ConnectApiPath.of("upload-service/upload", null),
            List.of(),
            Optional.of(
                new ConnectApiBody.Streamed(
                    new ByteArrayInputStream(new byte[10]), 10, Optional.empty())));

    try (ConnectApiResponse r = proxy.call(USER, upload)) {
      assertThat(r.status()).isEqualTo(401);
    }
    assertThat(api.sentWith).containsExactly("a1");
    assertThat(h.garmin.refreshCalls()).isZero();
  }

  @Test
  void aFailedRefreshSaysWhyInsteadOfThe401() {
    h.connected(USER, di("a1", "r1", IN_1_HOUR));
    h.garmin.refreshFails(new ReauthRequiredException("invalid_grant", "revoked"));

    assertThatThrownBy(() -> proxy.call(USER, GET))
        .isInstanceOf(GarminAuthException.class)
        .satisfies(
            e -> assertThat(((GarminAuthException) e).code()).isEqualTo(ErrorCode.REAUTH_REQUIRED));
  }

  @Test
  void noConnectionMeansNoCall() {
    assertThatThrownBy(() -> proxy.call(USER, GET))
        .satisfies(
            e -> assertThat(((GarminAuthException) e).code()).isEqualTo(ErrorCode.NOT_CONNECTED));
    assertThat(api.sentWith).isEmpty();
  }
}
