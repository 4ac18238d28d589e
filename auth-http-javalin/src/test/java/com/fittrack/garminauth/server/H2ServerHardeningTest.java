package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Issue 14's regression tests on the embedded default: H2 in the data directory. */
class H2ServerHardeningTest extends ServerHardeningContract {
  @Override
  Map<String, String> databaseEnv() {
    return Map.of();
  }

  @Test
  void filesTheServerWritesAreOwnerOnlyEvenInADirectoryOpenToOthers() throws Exception {
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    ListAppender<ILoggingEvent> dirLog = capture(DataDirectory.class);
    ListAppender<ILoggingEvent> keyLog = capture(Adapters.class);
    try {
      GarminAuthServer server = startServer(Map.of());
      assertThat(connectPlain(client(server), newUser()).status()).isEqualTo(200);

      List<Path> files;
      try (Stream<Path> list = Files.list(dataDir)) {
        files = list.filter(Files::isRegularFile).toList();
      }
      assertThat(files.stream().map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.endsWith(".mv.db"))
          .contains(DataDirectory.ENCRYPTION_KEY_FILE);
      for (Path file : files) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .as(file.getFileName().toString())
            .isEqualTo("rw-------");
      }
      assertThat(warnings(dirLog))
          .filteredOn(m -> m.contains("open to other users"))
          .hasSize(1); // once, though the start asks for the directory twice
      assertThat(warnings(keyLog)).anyMatch(m -> m.contains("a backup of that directory holds"));
    } finally {
      release(DataDirectory.class, dirLog);
      release(Adapters.class, keyLog);
    }
  }

  private static ListAppender<ILoggingEvent> capture(Class<?> source) {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Logger logger = (Logger) LoggerFactory.getLogger(source);
    logger.addAppender(appender);
    return appender;
  }

  private static void release(Class<?> source, ListAppender<ILoggingEvent> appender) {
    ((Logger) LoggerFactory.getLogger(source)).detachAppender(appender);
  }

  private static List<String> warnings(ListAppender<ILoggingEvent> appender) {
    return appender.list.stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
