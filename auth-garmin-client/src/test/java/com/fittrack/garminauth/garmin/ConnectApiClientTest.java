package com.fittrack.garminauth.garmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.port.out.GarminConnectApi;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiBody;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiPath;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiRequest;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiResponse;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarminExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Streamed Connect API calls on the client's transport, against FakeGarmin's API endpoints. */
@Tag("integration")
class ConnectApiClientTest {
  @RegisterExtension static final FakeGarminExtension garmin = new FakeGarminExtension();

  private GarminConnectApi api;
  private Secret token;

  @BeforeEach
  void signIn() {
    GarminClient client = TestClients.builderFor(garmin.fake()).build();
    SignInOutcome.SignedIn signedIn =
        (SignInOutcome.SignedIn)
            client.signIn(FakeGarmin.DEMO_EMAIL, Secret.of(FakeGarmin.DEMO_PASSWORD));
    token = signedIn.credentials().accessToken();
    api = client.connectApi();
  }

  private static ConnectApiRequest get(String path, String query) {
    return ConnectApiRequest.of(
        "GET",
        ConnectApiPath.of(path, query),
        List.of(Map.entry("Accept", "application/json"), Map.entry("Cookie", "x=1")),
        Optional.empty());
  }

  @Test
  void streamsADownloadWithGarminsTypeAndLengthAndNoAuthHeaders() throws IOException {
    garmin.fake().downloadSize(3 * 1024 * 1024 + 7);

    try (ConnectApiResponse r = api.send(get("download-service/files/activity/42", null), token)) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.contentType()).hasValue("application/x-zip-compressed");
      assertThat(r.contentLength()).hasValue(3 * 1024 * 1024 + 7);
      assertThat(r.header("Content-Disposition")).hasValue("attachment; filename=\"42.zip\"");
      byte[] head = r.body().readNBytes(4);
      assertThat(head).containsExactly('P', 'K', 3, 4);
      assertThat(4 + drain(r.body())).isEqualTo(3 * 1024 * 1024 + 7);
    }
    assertThat(garmin.fake().counters().downloads()).isEqualTo(1);
  }

  @Test
  void aRefusedTokenIsAnswered401WithoutTheChallengeHeader() {
    try (ConnectApiResponse r =
        api.send(
            get("activitylist-service/activities/search/activities", "limit=1"),
            Secret.of("not-a-token"))) {
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.header("WWW-Authenticate")).isEmpty();
    }
  }

  @Test
  void streamsAnUploadBodyOnce() throws IOException {
    byte[] fit = new byte[200_000];
    ConnectApiRequest upload =
        ConnectApiRequest.of(
            "POST",
            ConnectApiPath.of("upload-service/upload", null),
            List.of(),
            Optional.of(
                new ConnectApiBody.Streamed(
                    new ByteArrayInputStream(fit),
                    fit.length,
                    Optional.of("application/octet-stream"))));

    try (ConnectApiResponse r = api.send(upload, token)) {
      assertThat(r.status()).isEqualTo(202);
      assertThat(new String(r.body().readAllBytes())).contains("\"fileSize\":200000");
    }
    assertThat(garmin.fake().counters().uploadedBytes()).isEqualTo(200_000);
  }

  @Test
  void anUnreachableGarminIsGarminUnavailable() {
    GarminClient offline =
        GarminClient.builder()
            .endpoints(
                GarminEndpoints.custom(
                    URI.create("http://127.0.0.1:9"),
                    URI.create("http://127.0.0.1:9"),
                    URI.create("http://127.0.0.1:9")))
            .allowCustomEndpoints(true)
            .build();

    assertThatThrownBy(() -> offline.connectApi().send(get("a/b", "secret=1"), token))
        .isInstanceOf(GarminAuthException.class)
        .satisfies(
            e -> {
              assertThat(((GarminAuthException) e).code()).isEqualTo(ErrorCode.GARMIN_UNAVAILABLE);
              assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("127.0.0.1");
            });
  }

  private static long drain(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      total += n;
    }
    return total;
  }
}
