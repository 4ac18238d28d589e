package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiRequest;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiResponse;

/**
 * Calls the Garmin Connect API as a user, without the caller ever holding a token: the current
 * token is added; a 401 leads to one single-flight refresh and one retry when the call can be sent
 * again.
 *
 * <pre>{@code
 * try (ConnectApiResponse r = proxy.call(UserId.of("user-42"), request)) {
 *   r.body().transferTo(out);
 * }
 * }</pre>
 */
public interface CallGarminConnect {

  /**
   * Garmin's answer, whatever its status (a 401 means Garmin refused even a refreshed token, or the
   * call could not be sent twice). Fails with {@code not_connected}, {@code reauth_required}, or a
   * retryable error when no token can be had or Garmin cannot be reached.
   */
  ConnectApiResponse call(UserId userId, ConnectApiRequest request);
}
