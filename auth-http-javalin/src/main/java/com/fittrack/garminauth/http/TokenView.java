package com.fittrack.garminauth.http;

import com.fittrack.garminauth.core.application.port.in.AccessToken;

/** The answer of {@code POST /token}: the one place a secret leaves the server, on purpose. */
record TokenView(String accessToken, String tokenType, String expiresAt) {
  static TokenView of(AccessToken token) {
    return new TokenView(
        token.token().reveal(), token.tokenType(), ConnectionView.iso(token.expiresAt()));
  }

  @Override
  public String toString() {
    return "TokenView[accessToken=***, expiresAt=" + expiresAt + "]";
  }
}
