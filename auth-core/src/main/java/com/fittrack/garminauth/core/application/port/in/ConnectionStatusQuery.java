package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.UserId;
import java.util.Optional;

/** Where a user's connection stands, without its secrets. */
public interface ConnectionStatusQuery {
  Optional<ConnectionSummary> status(UserId userId);
}
