package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerLoggingTest {
  @Test
  void writesTextAtInfoByDefaultWithTheAccessLogOnItsOwnThread() {
    LoggerContext context = configured(Map.of());

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    ConsoleAppender<ILoggingEvent> console = console(root);
    assertThat(console.getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
    assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern())
        .isEqualTo("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger{30} - %msg%n");

    Logger access = context.getLogger(ServerLogging.ACCESS_LOGGER);
    assertThat(access.isAdditive()).isFalse();
    AsyncAppender async = (AsyncAppender) access.getAppender("access-async");
    assertThat(async.isStarted()).isTrue();
    assertThat(async.getDiscardingThreshold()).isZero();
    assertThat(async.isNeverBlock()).isFalse();
    assertThat(async.getQueueSize()).isEqualTo(8192);
    assertThat(async.getAppender(console.getName())).isSameAs(console);
    context.stop();
  }

  @Test
  void writesOneJsonObjectPerLineAtTheLevelAsked() {
    LoggerContext context =
        configured(Map.of("GARMIN_AUTH_LOG_FORMAT", "json", "GARMIN_AUTH_LOG_LEVEL", "WARN"));

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(console(root).getEncoder()).isInstanceOf(JsonEncoder.class);
    context.stop();
  }

  @Test
  void keepsTheLibrariesStartUpChatterOut() {
    LoggerContext context = configured(Map.of("GARMIN_AUTH_LOG_LEVEL", "DEBUG"));

    for (String library :
        new String[] {"org.eclipse.jetty", "io.javalin", "org.flywaydb", "org.jooq", "okhttp3"}) {
      assertThat(context.getLogger(library).getLevel()).as(library).isEqualTo(Level.WARN);
    }
    assertThat(context.getLogger("com.fittrack").getEffectiveLevel()).isEqualTo(Level.DEBUG);
    context.stop();
  }

  @Test
  void stepsAsideForALogbackFileOnTheClasspath() throws Exception {
    // the tests' own logback-test.xml is on this classpath
    assertThat(ServerLogging.aFileIsAskedFor(getClass().getClassLoader())).isTrue();
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertThat(ServerLogging.aFileIsAskedFor(empty)).isFalse();
    }
  }

  private static LoggerContext configured(Map<String, String> settings) {
    LoggerContext context = new LoggerContext();
    ServerLogging.configure(context, settings::get);
    return context;
  }

  @SuppressWarnings("unchecked")
  private static ConsoleAppender<ILoggingEvent> console(Logger root) {
    var appenders = root.iteratorForAppenders();
    ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appenders.next();
    assertThat(appenders.hasNext()).isFalse();
    return console;
  }
}
