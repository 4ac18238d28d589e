package com.fittrack.garminauth.http;

import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Optional;

/** What an API key may do. Routes declare the scope they need; health and docs need none. */
public enum Scope implements RouteRole {
  CONNECTIONS_WRITE("connections:write"),
  CONNECTIONS_READ("connections:read"),
  TOKENS_READ("tokens:read"),
  METRICS_READ("metrics:read"),
  EVENTS_READ("events:read"),
  GARMIN_READ("garmin:read"),
  GARMIN_WRITE("garmin:write"),
  /** Operator actions: reading and clearing Garmin cooldowns. */
  ADMIN("admin");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in configuration and error messages, e.g. {@code tokens:read}. */
  public String wireName() {
    return wireName;
  }

  public static Optional<Scope> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
  }
}
