package com.fittrack.garminauth.garmin.http;

import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;

/**
 * Turns an answer that is not what a step expected into the typed error it stands for. Messages
 * name the step and the status, never the body.
 */
public final class Failures {
  private Failures() {}

  /**
   * For an answer no step can use: 429 and blocks ({@link HttpReply#isBlock()}) are rate limits,
   * 5xx is unavailability, anything else is a protocol error.
   */
  public static RuntimeException unexpected(HttpReply reply, String what) {
    if (reply.code() == 429) {
      return GarminUnavailableException.rateLimited(
          what + " was rate limited (HTTP 429)", reply.retryAfter().orElse(null));
    }
    if (reply.isBlock()) {
      return GarminUnavailableException.rateLimited(
          what
              + " was blocked by Garmin's front (HTTP "
              + reply.code()
              + (reply.isFirewallRefusal() ? ", error code 1020" : ", a challenge page")
              + ")",
          reply.retryAfter().orElse(null));
    }
    if (reply.isServerError()) {
      return new GarminUnavailableException(
          ErrorCode.GARMIN_UNAVAILABLE,
          what + " answered HTTP " + reply.code(),
          reply.retryAfter().orElse(null));
    }
    return new GarminProtocolException(
        what
            + " answered HTTP "
            + reply.code()
            + (reply.looksLikeHtml() ? " with an HTML page" : "")
            + ", which this client does not expect");
  }
}
