package com.fittrack.garminauth.garmin;

import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.garmin.http.Transport;
import com.fittrack.garminauth.garmin.signin.SignInPacing;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** GarminClients pointed at a FakeGarmin, with short timeouts and retries that do not wait. */
final class TestClients {
  /** Shared so that tests reuse connections, as a real service would. */
  static final OkHttpClient SHARED = new OkHttpClient();

  private TestClients() {}

  static GarminClient.Builder builderFor(FakeGarmin fake) {
    return GarminClient.builder()
        .endpoints(GarminEndpoints.custom(fake.ssoUrl(), fake.connectApiUrl(), fake.diAuthUrl()))
        .allowCustomEndpoints(true)
        .oauthConsumer(FakeGarmin.CONSUMER_KEY, Secret.of(FakeGarmin.CONSUMER_SECRET))
        .okHttpClient(SHARED)
        .transport(
            Transport.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(3)))
        .signInPacing(SignInPacing.none())
        .signInTimeout(Duration.ofSeconds(3))
        .sleeper(d -> {});
  }
}
