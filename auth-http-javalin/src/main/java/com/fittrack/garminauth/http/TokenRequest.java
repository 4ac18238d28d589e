package com.fittrack.garminauth.http;

/**
 * Optional body of {@code POST /v1/connections/{userId}/token}: the token Garmin just refused with
 * 401, so that the server refreshes unless someone already did. {@link #toString()} hides it.
 */
record TokenRequest(String rejectedToken) {
  @Override
  public String toString() {
    return "TokenRequest[rejectedToken=***]";
  }
}
