package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs README's demo walkthrough as written against {@code java -jar garmin-auth-server.jar serve
 * --demo}: the only change is the port (the test takes a free one instead of 7070). Then stops the
 * server with SIGTERM and expects a clean stop.
 */
@Tag("integration")
class ReadmeDemoWalkthroughTest {
  private static final Pattern LISTENING =
      Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
  @TempDir Path workDir;

  static String walkthrough() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf("### Try it offline: demo mode");
    assertThat(section).as("README demo section").isPositive();
    int second = readme.indexOf("```bash", readme.indexOf("```bash", section) + 7);
    int end = readme.indexOf("```", second + 7);
    return readme.substring(second + "```bash".length(), end);
  }

  private static int listeningPort(Path log) throws java.io.IOException {
    Matcher m = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  @Test
  void readmeCurlWalkthroughWorksAgainstTheDemoServer() throws Exception {
    Path serverLog = workDir.resolve("server.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                ServerJarTest.javaBinary(),
                "-jar",
                ServerJarTest.JAR.toAbsolutePath().toString(),
                "serve",
                "--demo")
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(serverLog.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("GARMIN_AUTH_"));
    builder.environment().put("GARMIN_AUTH_PORT", "0");
    Process server = builder.start();
    try {
      int p =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> listeningPort(serverLog), port -> port > 0 || !server.isAlive());
      assertThat(server.isAlive()).as(Files.readString(serverLog)).isTrue();
      String script = walkthrough().replace("127.0.0.1:7070", "127.0.0.1:" + p);

      Process bash =
          new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(bash.exitValue()).as(out).isZero();
      String[] lines = out.strip().split("\n");
      assertThat(lines).as(out).hasSize(7);
      assertThat(lines[0]).contains("\"userId\":\"runner-1\"", "\"status\":\"CONNECTED\"");
      assertThat(lines[1]).contains("\"accessToken\":", "\"tokenType\":\"Bearer\"");
      assertThat(lines[2]).contains("\"userId\":\"runner-2\"", "\"status\":\"CONNECTED\"");
      assertThat(lines[3]).contains("\"status\":\"CONNECTED\"").doesNotContain("\"accessToken\":");
      assertThat(lines[4]).contains("\"accessToken\":");
      assertThat(lines[5]).isEqualTo("204");
      assertThat(lines[6]).contains("\"code\":\"not_connected\"");
      assertThat(Files.readString(serverLog))
          .contains("demo@example.com / demo-password", "mfa@example.com", "123456")
          .doesNotContain(Files.readString(workDir.resolve("data/demo/admin-api-key")).strip());
    } finally {
      server.destroy(); // SIGTERM: the shutdown hook drains and closes
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(serverLog)).contains("garmin-auth stopped");
  }
}
