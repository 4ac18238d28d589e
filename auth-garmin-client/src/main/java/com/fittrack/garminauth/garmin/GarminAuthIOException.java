package com.fittrack.garminauth.garmin;

import com.fittrack.garminauth.core.domain.GarminAuthException;
import java.io.IOException;

/**
 * An OkHttp call could not be authorized: no Garmin token was available for the user. OkHttp lets
 * interceptors fail only with {@link IOException}; {@link #failure()} carries the typed reason.
 */
public final class GarminAuthIOException extends IOException {
  private static final long serialVersionUID = 1L;
  private final GarminAuthException failure;

  public GarminAuthIOException(GarminAuthException failure) {
    super("no Garmin token: " + failure.code().wireName() + ": " + failure.getMessage(), failure);
    this.failure = failure;
  }

  /** Why no token could be had (its code says whether a retry may help). */
  public GarminAuthException failure() {
    return failure;
  }
}
