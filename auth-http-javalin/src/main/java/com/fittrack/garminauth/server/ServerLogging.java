package com.fittrack.garminauth.server;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The server's logging, set up in code: one console appender, text or JSON ({@code
 * GARMIN_AUTH_LOG_FORMAT=text|json}), at {@code GARMIN_AUTH_LOG_LEVEL} (default INFO), with the
 * access log written by a background thread. logback finds it through {@code
 * META-INF/services/ch.qos.logback.classic.spi.Configurator}; reading the same set-up from an XML
 * file took about a tenth of the server's start (XML parser, Joran's model, reflection; ADR 0118).
 *
 * <p>A file named by {@code -Dlogback.configurationFile}, or a {@code logback.xml} / {@code
 * logback-test.xml} on the classpath (an embedding application's, the tests'), still wins: this
 * configurator then steps aside and logback reads the file as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ServerLogging extends ContextAwareBase implements Configurator {
  static final String ACCESS_LOGGER = "garmin-auth.access";

  /** Libraries whose INFO lines are start-up chatter in a service log. */
  private static final List<String> QUIET =
      List.of(
          "org.eclipse.jetty",
          "io.javalin",
          "org.flywaydb",
          "org.jooq", // its start-up banner, tips and dialect notes
          "com.zaxxer.hikari",
          "okhttp3",
          "mockwebserver3");

  private static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger{30} - %msg%n";

  public ServerLogging() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (aFileIsAskedFor(getClass().getClassLoader())) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    configure(context, ServerLogging::setting);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** What logback itself would read, in its order: the property, the test file, the file. */
  static boolean aFileIsAskedFor(ClassLoader loader) {
    return System.getProperty("logback.configurationFile") != null
        || loader.getResource("logback-test.xml") != null
        || loader.getResource("logback.xml") != null;
  }

  /**
   * Sets up {@code context} from {@code settings} (a variable's value, or null when unset): the
   * console in the chosen format, the quiet libraries at WARN, the asynchronous access log.
   */
  static void configure(LoggerContext context, UnaryOperator<String> settings) {
    // the appender of the format not chosen is never built, so logback has nothing to report
    context.getStatusManager().add(new NopStatusListener());
    String format = orDefault(settings.apply("GARMIN_AUTH_LOG_FORMAT"), "text");
    Level level = Level.toLevel(orDefault(settings.apply("GARMIN_AUTH_LOG_LEVEL"), "INFO"));

    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName(format);
    console.setEncoder(encoder(context, format));
    console.start();

    // The access log (one line per request) is written by a background thread: formatting and
    // writing it on the request thread was about 5% of the server's samples under load
    // (docs/benchmarks.md). No line is dropped (discardingThreshold 0, neverBlock false): when
    // 8192 lines wait, requests wait for the writer. `serve` stops logging last, after the
    // server, which flushes the queue (LogShutdown).
    AsyncAppender access = new AsyncAppender();
    access.setContext(context);
    access.setName("access-async");
    access.setQueueSize(8192);
    access.setDiscardingThreshold(0);
    access.setNeverBlock(false);
    access.addAppender(console);
    access.start();
    Logger accessLog = context.getLogger(ACCESS_LOGGER);
    accessLog.setAdditive(false);
    accessLog.addAppender(access);

    for (String quiet : QUIET) {
      context.getLogger(quiet).setLevel(Level.WARN);
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level);
    root.addAppender(console);
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
    if (format.toLowerCase(Locale.ROOT).equals("json")) {
      // one JSON object per line (for log shippers)
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      json.setWithFormattedMessage(true);
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.setWithContext(false);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }

  /** As logback's {@code ${NAME}} reads it: a system property, else the environment. */
  private static String setting(String name) {
    String property = System.getProperty(name);
    return property != null ? property : System.getenv(name);
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
