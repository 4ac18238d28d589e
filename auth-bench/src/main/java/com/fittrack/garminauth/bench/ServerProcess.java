package com.fittrack.garminauth.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server under test in a process of its own: started, timed until {@code /health/ready} answers
 * 200, measured (resident memory from /proc) and stopped.
 */
final class ServerProcess implements AutoCloseable {
  private static final HttpClient PROBE =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final Process process;
  private final int port;
  private final Duration startToReady;

  private ServerProcess(Process process, int port, Duration startToReady) {
    this.process = process;
    this.port = port;
    this.startToReady = startToReady;
  }

  /**
   * Starts {@code command} with {@code env} added, output to {@code log}, and waits (at most a
   * minute) until it is ready on {@code port}.
   */
  static ServerProcess start(List<String> command, Map<String, String> env, int port, Path log)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().putAll(env);
    long started = System.nanoTime();
    Process process = builder.start();
    URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
    long deadline = started + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the server exited with " + process.exitValue() + " before it was ready; see " + log);
      }
      if (answers(ready)) {
        return new ServerProcess(process, port, Duration.ofNanos(System.nanoTime() - started));
      }
      Thread.sleep(10);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the server was not ready within a minute; see " + log);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  int port() {
    return port;
  }

  Duration startToReady() {
    return startToReady;
  }

  /**
   * CPU time the process has used so far (user and system, all threads), in nanoseconds, from /proc
   * at the kernel's tick resolution (usually 10 ms); -1 where there is none.
   */
  long cpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
      // fields after the command name, which is in parentheses and may hold spaces
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
      return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * CPU time the process's JIT compiler threads (HotSpot's {@code C1 CompilerThread}s and {@code C2
   * CompilerThread}s) have used so far, in nanoseconds, from /proc; -1 where there is none. While
   * it grows, the server is still compiling its hot path and is not yet in its steady state.
   */
  long compilerCpuNanos() {
    Path tasks = Path.of("/proc/" + process.pid() + "/task");
    try (var threads = Files.list(tasks)) {
      long ticks = 0;
      for (Path task : (Iterable<Path>) threads::iterator) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException gone) {
          continue; // the thread ended between the listing and the read
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
      }
      return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** USER_HZ: 100 on every Linux architecture the JDK runs on. */
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  /** Resident memory of the process now, in MiB (from /proc; -1 where there is none). */
  double residentMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  /** The status of one request (to check a route works before loading it). */
  int probe(String method, String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    return PROBE.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static boolean answers(URI ready) {
    try {
      HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(1)).build();
      return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
