package com.fittrack.garminauth.garmin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log event at DEBUG and above, from every logger, while open. */
final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level previous = root.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.DEBUG);
  }

  /** Each event as text: the formatted message, its arguments, MDC and every throwable message. */
  List<String> lines() {
    List<String> out = new ArrayList<>();
    for (ILoggingEvent e : List.copyOf(appender.list)) {
      StringBuilder b =
          new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
      b.append(' ').append(e.getMDCPropertyMap());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        b.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
      }
      out.add(b.toString());
    }
    return out;
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    root.setLevel(previous);
  }
}
