package com.fittrack.garminauth.server;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Stops logging once the server has stopped: the access log is written by a background thread
 * (logback's AsyncAppender), and stopping the context writes out the lines still queued. Done by
 * {@code serve}'s own shutdown hook, after the server's last line, rather than by a hook of
 * logback's, which would race it and drop that line.
 */
final class LogShutdown {
  private LogShutdown() {}

  static void stop() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
