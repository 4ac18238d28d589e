package com.fittrack.garminauth.testkit.fakegarmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code java -jar auth-testkit/target/fake-garmin.jar} as docs/fakegarmin.md promises. */
@Tag("integration")
class FakeGarminJarTest {
  static final Path JAR = Path.of("target", "fake-garmin.jar");
  private final StringBuffer output = new StringBuffer();
  private Process process;

  @AfterEach
  void stop() throws Exception {
    if (process != null) {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void runsOnItsOwnAndPrintsTheAccountsAndTheSettingsToPointAServerAtIt() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> names = jar.stream().map(e -> e.getName()).collect(Collectors.toList());
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(FakeGarminMain.class.getName());
      assertThat(names)
          .contains("mockwebserver3/MockWebServer.class", "okhttp3/OkHttpClient.class")
          .noneMatch(n -> n.startsWith("org/junit/"))
          .noneMatch(n -> n.startsWith("org/assertj/"));
    }

    process =
        new ProcessBuilder(java(), "-jar", JAR.toString(), "--port", "0")
            .redirectErrorStream(true)
            .start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  output.append(line).append('\n');
                }
              } catch (Exception e) {
                output.append("reader stopped: ").append(e);
              }
            });
    reader.setDaemon(true);
    reader.start();
    // generous: a cold JVM on a loaded shared machine
    await().atMost(Duration.ofSeconds(60)).until(() -> output.toString().contains("counters:"));

    String banner = output.toString();
    assertThat(banner)
        .contains("demo@example.com / demo-password", "mfa@example.com", "code 123456")
        .contains("GARMIN_AUTH_GARMIN_ALLOW_CUSTOM_ENDPOINTS=true")
        .contains("GARMIN_AUTH_GARMIN_OAUTH_CONSUMER_KEY=" + FakeGarmin.CONSUMER_KEY);
    Matcher sso = Pattern.compile("GARMIN_AUTH_GARMIN_SSO_URL=(\\S+)").matcher(banner);
    assertThat(sso.find()).isTrue();

    HttpResponse<String> counters =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sso.group(1) + "/__fakegarmin/counters")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(counters.statusCode()).isEqualTo(200);
    assertThat(counters.body()).contains("\"signIns\":0");
  }

  @Test
  void aBadOptionExitsTwoWithTheUsage() throws Exception {
    process =
        new ProcessBuilder(java(), "-jar", JAR.toString(), "--port", "eighty")
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(out).contains("--port must be a whole number 0-65535").contains("Usage:");
  }

  @Test
  void optionsAreValidated() {
    assertThat(FakeGarminMain.parse("--help")).isNull();
    assertThat(FakeGarminMain.parse("--port", "7080", "--strict-reuse")).isNotNull();
    assertThatThrownBy(() -> FakeGarminMain.parse("--latency-ms"))
        .hasMessage("--latency-ms needs a value");
    assertThatThrownBy(() -> FakeGarminMain.parse("--port", "70800"))
        .hasMessageContaining("0-65535");
    assertThatThrownBy(() -> FakeGarminMain.parse("--prot", "7080"))
        .hasMessage("unknown option --prot");
  }

  private static String java() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return Files.isExecutable(java) ? java.toString() : "java";
  }
}
