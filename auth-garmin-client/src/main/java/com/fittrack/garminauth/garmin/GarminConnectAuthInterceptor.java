package com.fittrack.garminauth.garmin;

import com.fittrack.garminauth.core.application.port.in.AccessToken;
import com.fittrack.garminauth.core.application.port.in.GarminSessions;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.UserId;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorizes Garmin Connect API calls for one user: adds the bearer token from {@link
 * GarminSessions}; on a 401 asks for a refresh once (single-flight across workers, so a burst of
 * 401s costs Garmin one refresh) and retries once, when the request body can be sent again. Any
 * further 401 is returned to the caller as it is.
 *
 * <pre>{@code
 * OkHttpClient api = new OkHttpClient.Builder()
 *     .addInterceptor(new GarminConnectAuthInterceptor(auth.sessions(), UserId.of("user-42")))
 *     .build();
 * }</pre>
 *
 * <p>Add it to a client derived from {@link GarminClient#connectApiClient()} so that API calls show
 * Garmin the same identity (TLS handshake, app headers, egress proxy) as sign-in and refresh.
 *
 * <p>When no token can be had (not connected, re-auth required, Garmin down), the call fails with a
 * {@link GarminAuthIOException} whose {@link GarminAuthIOException#failure()} says why.
 */
public final class GarminConnectAuthInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(GarminConnectAuthInterceptor.class);

  private final GarminSessions sessions;
  private final UserId userId;

  public GarminConnectAuthInterceptor(GarminSessions sessions, UserId userId) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.userId = Objects.requireNonNull(userId, "userId");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request original = chain.request();
    AccessToken token = token(() -> sessions.accessToken(userId));
    Response response = chain.proceed(authorized(original, token));
    if (response.code() != 401 || !replayable(original.body())) {
      return response;
    }
    AccessToken refreshed;
    try {
      refreshed = sessions.refreshAfterRejection(userId, token.token().reveal());
    } catch (GarminAuthException e) {
      // The 401 is the truest answer the caller can get; the reason goes to the log.
      log.info("refresh after a 401 for user {} failed: {}", userId, e.code().wireName());
      return response;
    }
    response.close();
    log.debug("retrying a Garmin Connect call for user {} with a refreshed token", userId);
    return chain.proceed(authorized(original, refreshed));
  }

  private static Request authorized(Request request, AccessToken token) {
    return request.newBuilder().header("Authorization", token.authorizationHeader()).build();
  }

  /** A body OkHttp can write twice: none, or one that is not one-shot. */
  private static boolean replayable(RequestBody body) {
    return body == null || !body.isOneShot();
  }

  private AccessToken token(Supplier<AccessToken> source) throws IOException {
    try {
      return source.get();
    } catch (GarminAuthException e) {
      throw new GarminAuthIOException(e);
    }
  }
}
