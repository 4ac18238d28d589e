package com.fittrack.garminauth.http;

/**
 * Body of {@code PUT /v1/connections/{userId}/session}: a garth or python-garminconnect session
 * file's text; {@code format} may be left out to have it detected. Never printed: it is all secret.
 */
record ImportSessionRequest(String format, String data) {
  @Override
  public String toString() {
    return "ImportSessionRequest[format=" + format + ", data=***]";
  }
}
