package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.UserId;

/**
 * Valid Garmin access tokens for stateless workers. Refreshing is single-flight across threads and
 * processes: of many callers that find a token due, one refreshes it and the others wait for and
 * use its result.
 *
 * <pre>{@code
 * AccessToken token = auth.sessions().accessToken(UserId.of("user-42"));
 * request.header("Authorization", token.authorizationHeader());
 * }</pre>
 */
public interface GarminSessions {

  /**
   * A token valid for at least the configured refresh margin, refreshed first when needed. Fails
   * with {@code not_connected}, {@code reauth_required}, or a retryable error while Garmin or the
   * database is unavailable and the stored token has expired.
   */
  AccessToken accessToken(UserId userId);

  /**
   * Garmin rejected {@code rejectedToken} (HTTP 401): refreshes, unless the stored token already
   * differs from it (someone refreshed since), and returns the current token.
   */
  AccessToken refreshAfterRejection(UserId userId, String rejectedToken);
}
