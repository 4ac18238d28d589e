package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar that {@code package} builds (Failsafe runs after it): self-contained, starts,
 * and carries no test library.
 */
@Tag("integration")
class ServerJarTest {
  static final Path JAR = Path.of("target", "garmin-auth-server.jar");

  @Test
  void carriesItsDependenciesButNoTestLibrary() throws Exception {
    assertThat(JAR).exists();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> names = jar.stream().map(e -> e.getName()).collect(Collectors.toList());

      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(Main.class.getName());
      assertThat(names)
          .contains(
              "com/fittrack/garminauth/server/Main.class",
              "com/fittrack/garminauth/core/GarminAuth.class",
              "io/javalin/Javalin.class",
              "picocli/CommandLine.class",
              "com/fittrack/garminauth/http/openapi.yaml",
              "META-INF/services/ch.qos.logback.classic.spi.Configurator")
          .doesNotContain("logback.xml");
      assertThat(names)
          .noneMatch(n -> n.startsWith("org/junit/"))
          .noneMatch(n -> n.startsWith("org/assertj/"))
          .noneMatch(n -> n.startsWith("org/mockito/"))
          .noneMatch(n -> n.startsWith("org/opentest4j/"))
          .noneMatch(n -> n.startsWith("org/awaitility/"));
    }
  }

  @Test
  void runsOnItsOwn() throws Exception {
    Process p =
        new ProcessBuilder(javaBinary(), "-jar", JAR.toString(), "--version")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(output.strip()).startsWith("garmin-auth-server 0.");
  }

  @Test
  void logsOneJsonObjectPerLineWhenAsked(@TempDir Path dataDir) throws Exception {
    ProcessBuilder migrate =
        new ProcessBuilder(javaBinary(), "-jar", JAR.toString(), "migrate")
            .redirectErrorStream(true);
    // only this test's settings: CI's own GARMIN_AUTH_* variables would add the start's plain-text
    // "not a garmin-auth setting" warning, which is printed before logging is set up
    migrate.environment().keySet().removeIf(name -> name.startsWith("GARMIN_AUTH_"));
    migrate.environment().put("GARMIN_AUTH_DATA_DIR", dataDir.toString());
    migrate.environment().put("GARMIN_AUTH_LOG_FORMAT", "json");
    Process p = migrate.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output.lines())
        .as(output)
        .isNotEmpty()
        .allMatch(line -> line.startsWith("{") && line.endsWith("}"))
        .anyMatch(line -> line.contains("\"formattedMessage\":\"database migrated\""));
  }

  static String javaBinary() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return Files.isExecutable(java) ? java.toString() : "java";
  }
}
