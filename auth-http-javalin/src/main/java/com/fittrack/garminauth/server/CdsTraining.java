package com.fittrack.garminauth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the server's class-data archive (AppCDS, ADR 0117): the build runs it once
 * with {@code -XX:ArchiveClassesAtExit=garmin-auth-server.jsa}, so that the archive holds the
 * classes a start loads (logging, metrics, the pool, H2, Flyway, jOOQ, Jetty, Javalin, Jackson). It
 * starts the server the way {@code java -jar garmin-auth-server.jar} does (through {@link Main}),
 * on H2 in a throwaway directory and a free loopback port, waits until {@code /health/ready}
 * answers 200 and exits. Not a command of the server's CLI.
 *
 * <pre>{@code
 * java -XX:ArchiveClassesAtExit=target/garmin-auth-server.jsa \
 *     -cp target/garmin-auth-server.jar com.fittrack.garminauth.server.CdsTraining
 * }</pre>
 */
public final class CdsTraining {
  private static final Duration READY_WITHIN = Duration.ofMinutes(2);

  private CdsTraining() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("garmin-auth-cds-training");
    int port = freePort();
    Map<String, String> env =
        Map.of(
            "GARMIN_AUTH_DATA_DIR",
            dir.toString(),
            "GARMIN_AUTH_PORT",
            Integer.toString(port),
            "GARMIN_AUTH_BIND",
            "127.0.0.1",
            "GARMIN_AUTH_SWEEPER_ENABLED",
            "false");
    Thread serve = new Thread(() -> Main.run(env), "cds-training-serve");
    serve.setDaemon(true);
    serve.start();
    int status = awaitReady(port, serve);
    // serve's own shutdown hook stops the server as the JVM exits (the archive is written then);
    // the directory goes once serve has returned, after the database has closed
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    serve.join(READY_WITHIN.toMillis());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  delete(dir);
                }));
    if (status != 200) {
      System.err.println("CDS training: /health/ready answered " + status);
      System.exit(1);
    }
    System.exit(0);
  }

  private static int awaitReady(int port, Thread serve) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    int status = -1;
    while (serve.isAlive() && System.nanoTime() < deadline) {
      try {
        status = client.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode();
        if (status == 200) {
          return status;
        }
      } catch (ConnectException notYetListening) {
        // the server is still starting
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread.sleep(50);
    }
    return status;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
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
