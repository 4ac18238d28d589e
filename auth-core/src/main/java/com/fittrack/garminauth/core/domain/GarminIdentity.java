package com.fittrack.garminauth.core.domain;

import java.util.Objects;
import java.util.Optional;

/** Who the user is at Garmin, from the social profile. Not secret, but not required either. */
public record GarminIdentity(String displayName, Optional<String> profileId) {
  public GarminIdentity {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(profileId, "profileId");
    if (displayName.isBlank() || displayName.length() > 256) {
      throw new ValidationException("displayName", "must be 1-256 characters");
    }
  }
}
