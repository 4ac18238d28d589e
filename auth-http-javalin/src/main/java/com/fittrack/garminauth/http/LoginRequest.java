package com.fittrack.garminauth.http;

/** Body of {@code POST /v1/connections/{userId}/login}. {@link #toString()} hides the password. */
record LoginRequest(String email, String password) {
  @Override
  public String toString() {
    return "LoginRequest[email=" + email + ", password=***]";
  }
}
