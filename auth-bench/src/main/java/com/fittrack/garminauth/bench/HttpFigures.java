package com.fittrack.garminauth.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Figures 3 and 4: the standalone server over HTTP, driven from a second process. */
final class HttpFigures {
  private HttpFigures() {}

  /** The sections of figures 3 and 4 when they could not be measured, saying why. */
  static String notMeasured(Optional<Path> serverJar) {
    String reason =
        serverJar.filter(Files::isRegularFile).isPresent()
            ? "the HTTP figures are not wired into this suite yet"
            : "the standalone server jar (auth-http-javalin/target/garmin-auth-server.jar) was not"
                + " available to this run: the server module had not landed on main";
    return "## 3. HTTP: POST /v1/connections/{id}/token\n\n_Not measured yet: "
        + reason
        + "._\n\n## 4. Server start to ready, resident memory\n\n_Not measured yet: "
        + reason
        + "._\n";
  }
}
