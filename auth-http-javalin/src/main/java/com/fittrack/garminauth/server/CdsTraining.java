package com.fittrack.garminauth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the server's class-data archive (AppCDS, ADR 0117): the build runs it once
 * with {@code -XX:ArchiveClassesAtExit=garmin-auth-server.jsa}, so that the archive holds the
 * classes a start loads (logging, metrics, the pool, H2, Flyway, jOOQ, Jetty, Javalin, Jackson). It
 * starts the server as {@code serve} would, on H2 in a throwaway directory and a free loopback
 * port, asks {@code /health/ready} once, stops it and exits. Not a command of the server's CLI.
 *
 * <pre>{@code
 * java -XX:ArchiveClassesAtExit=target/garmin-auth-server.jsa \
 *     -cp target/garmin-auth-server.jar com.fittrack.garminauth.server.CdsTraining
 * }</pre>
 */
public final class CdsTraining {
  private CdsTraining() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("garmin-auth-cds-training");
    int status;
    try {
      ServerConfig config =
          ServerConfig.fromEnvironment(
              Map.of(
                  "GARMIN_AUTH_DATA_DIR", dir.toString(),
                  "GARMIN_AUTH_PORT", "0",
                  "GARMIN_AUTH_BIND", "127.0.0.1",
                  "GARMIN_AUTH_SWEEPER_ENABLED", "false"));
      try (GarminAuthServer server = GarminAuthServer.start(config)) {
        HttpResponse<String> ready =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/health/ready"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        status = ready.statusCode();
      }
    } finally {
      delete(dir);
    }
    if (status != 200) {
      System.err.println("CDS training: /health/ready answered " + status);
      System.exit(1);
    }
    // Exit here: the archive is written as the JVM exits, whatever threads are left.
    System.exit(0);
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(CdsTraining::deleteOne);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteOne(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
