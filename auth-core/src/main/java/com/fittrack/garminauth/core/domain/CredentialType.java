package com.fittrack.garminauth.core.domain;

/** The two families of Garmin credentials. */
public enum CredentialType {
  /** DI OAuth2: access JWT + rotating refresh token, refreshed with the refresh-token grant. */
  DI_OAUTH2,
  /** Garth-era OAuth1 token, exchanged for OAuth2 tokens again on each refresh. */
  LEGACY_OAUTH1
}
