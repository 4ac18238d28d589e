package com.fittrack.garminauth.garmin.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The Garmin Connect Android app's own headers (GARMIN-PROTOCOL.md section 7) on DI token calls and
 * Connect API calls, so that what the requests say matches the handshake Conscrypt presents. Legacy
 * OAuth1 calls ({@code /oauth-service/}) keep the User-Agent garth has always sent there
 * (docs/garmin-protocol.md, "Identity per call").
 */
final class AppHeaders implements Interceptor {
  static final String USER_AGENT = "GCM-Android-5.23";
  static final String GARMIN_USER_AGENT =
      "com.garmin.android.apps.connectmobile/5.23; ; Google/sdk_gphone64_arm64/google;"
          + " Android/33; Dalvik/2.1.0";
  static final String APP_VERSION = "10861";

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.url().encodedPath().startsWith("/oauth-service/")) {
      return chain.proceed(request);
    }
    return chain.proceed(
        request
            .newBuilder()
            .header("User-Agent", USER_AGENT)
            .header("X-Garmin-User-Agent", GARMIN_USER_AGENT)
            .header("X-Garmin-Paired-App-Version", APP_VERSION)
            .header("X-Garmin-Client-Platform", "Android")
            .header("X-App-Ver", APP_VERSION)
            .header("X-Lang", "en")
            .header("X-GCExperience", "GC5")
            .header("Cache-Control", "no-cache")
            .build());
  }
}
