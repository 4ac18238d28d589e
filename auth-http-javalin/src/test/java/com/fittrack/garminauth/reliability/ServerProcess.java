package com.fittrack.garminauth.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One garmin-auth server as a separate JVM: {@code java -jar target/garmin-auth-server.jar serve}
 * with its own port on the loopback address, its output in {@code target/reliability/NAME.log}. A
 * JVM shutdown hook kills it too, so that no server outlives a crashed test run.
 */
final class ServerProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "garmin-auth-server.jar");
  private static final Path LOGS = Path.of("target", "reliability");

  private final String name;
  private final int port;
  private final Process process;
  private final Thread killOnExit;

  private ServerProcess(String name, int port, Process process) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.killOnExit = new Thread(process::destroyForcibly, "kill-" + name);
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Starts the jar with {@code env} (plus GARMIN_AUTH_PORT/BIND/DATA_DIR) and returns at once. */
  static ServerProcess start(String name, Map<String, String> env) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run `verify`");
    }
    int port = freePort();
    Path log = LOGS.resolve(name + ".log");
    Path dataDir = LOGS.resolve(name + "-data");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Three servers and the test share two cores: small heaps, quick start, little JIT work.
    command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.addAll(List.of("-jar", JAR.toString(), "serve"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("GARMIN_AUTH_"));
    builder.environment().putAll(env);
    builder.environment().put("GARMIN_AUTH_BIND", "127.0.0.1");
    builder.environment().put("GARMIN_AUTH_PORT", Integer.toString(port));
    builder.environment().put("GARMIN_AUTH_DATA_DIR", dataDir.toString());
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    try {
      Files.createDirectories(dataDir);
      return new ServerProcess(name, port, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The last lines the server wrote (to explain a server that would not start). */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(LOGS.resolve(name + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getClass().getSimpleName() + ")";
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no lease released, nothing flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " did not die");
    }
  }

  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
  }

  @Override
  public String toString() {
    return name + "@" + port;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
