package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar, started with defaults, loads Conscrypt's native library from inside itself and
 * says so on /health/ready: the shade step keeps {@code META-INF/native}.
 */
@Tag("integration")
class ServerJarTlsIdentityTest {
  @TempDir Path dataDir;

  @Test
  void theJarStartedWithDefaultsUsesConscrypt() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                ServerJarTest.javaBinary(), "-Xmx256m", "-jar", ServerJarTest.JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolve("server.log").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("GARMIN_AUTH_"));
    builder.environment().put("GARMIN_AUTH_PORT", Integer.toString(port));
    builder.environment().put("GARMIN_AUTH_DATA_DIR", dataDir.resolve("data").toString());
    Process server = builder.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
      AtomicReference<String> body = new AtomicReference<>();
      // generous: a cold JVM on a loaded 2-core machine takes seconds to migrate and listen
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(
              () -> {
                HttpResponse<String> r =
                    http.send(
                        HttpRequest.newBuilder(ready).build(),
                        HttpResponse.BodyHandlers.ofString());
                body.set(r.body());
                return r.statusCode() == 200;
              });

      assertThat(body.get()).contains("\"garminTls\":\"conscrypt\"");
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
