package com.fittrack.garminauth.http;

import com.fittrack.garminauth.core.application.port.in.ConnectGarminAccount;
import com.fittrack.garminauth.core.application.port.in.ConnectionStatusQuery;
import com.fittrack.garminauth.core.application.port.in.DisconnectGarminAccount;
import com.fittrack.garminauth.core.application.port.in.GarminSessions;
import java.util.Objects;

/** The use cases the REST API calls; each handler calls exactly one of them. */
public record UseCases(
    ConnectGarminAccount connect,
    GarminSessions sessions,
    ConnectionStatusQuery status,
    DisconnectGarminAccount disconnect,
    SessionImporter importer) {
  public UseCases {
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(disconnect, "disconnect");
    Objects.requireNonNull(importer, "importer");
  }
}
