package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-shot command meeting the embedded H2 file that a running server holds says so and what to
 * do. The server runs as its own process (the jar), as it does for a user.
 */
@Tag("integration")
class LockedDatabaseTest {
  @TempDir Path tmp;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
  private final StringBuffer serverOutput = new StringBuffer();
  private Process server;

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
  }

  @Test
  void statusAgainstTheFileARunningServerHoldsSaysSoAndWhatToDo() throws Exception {
    Path data = tmp.resolve("data");
    ProcessBuilder pb =
        new ProcessBuilder(ServerJarTest.javaBinary(), "-jar", ServerJarTest.JAR.toString())
            .redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("GARMIN_AUTH_"));
    pb.environment().put("GARMIN_AUTH_DATA_DIR", data.toString());
    pb.environment().put("GARMIN_AUTH_PORT", "0");
    server = pb.start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  serverOutput.append(line).append('\n');
                }
              } catch (Exception e) {
                serverOutput.append("reader stopped: ").append(e).append('\n');
              }
            });
    reader.setDaemon(true);
    reader.start();
    // generous: a cold JVM on a loaded shared machine
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> serverOutput.toString().contains("/openapi.json"));

    String started = serverOutput.toString();
    assertThat(started)
        .contains("garmin-auth listening on http://127.0.0.1:")
        .contains("embedded H2 database " + data.resolve("garmin-auth.mv.db"))
        .contains("(links), the API document");

    int code = Main.run(Map.of("GARMIN_AUTH_DATA_DIR", data.toString()), "status", "user-1");

    assertThat(code).isEqualTo(1);
    assertThat(console.err())
        .startsWith("storage_unavailable: the embedded database ")
        .contains("is in use by another process")
        .contains("Stop that server first");
  }
}
