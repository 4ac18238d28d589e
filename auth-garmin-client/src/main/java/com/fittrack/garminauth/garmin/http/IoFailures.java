package com.fittrack.garminauth.garmin.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.OkHttpClient;

/**
 * Says what an I/O failure was, in words a user of the service understands. Never the exception's
 * class name and never its message: OkHttp's messages can carry the request URL, and sign-in and
 * token URLs can carry tickets.
 */
final class IoFailures {
  private IoFailures() {}

  /** An I/O failure while reading the body, after the status and headers had arrived. */
  static final class BrokenAnswer extends IOException {
    private static final long serialVersionUID = 1L;

    BrokenAnswer(IOException cause) {
      super("the answer broke off", cause);
    }
  }

  static String describe(IOException e, OkHttpClient via) {
    if (e instanceof BrokenAnswer) {
      IOException cause = (IOException) e.getCause();
      return isTimeout(cause)
          ? "Garmin's answer did not complete within " + seconds(via.readTimeoutMillis())
          : "the connection closed before Garmin's answer was complete";
    }
    if (e instanceof PooledConnectionWatch.ClosedBeforeAnswer) {
      return "the connection closed before Garmin answered";
    }
    if (e instanceof UnknownHostException) {
      return "Garmin's host name could not be resolved";
    }
    if (e instanceof SocketTimeoutException && isConnectPhase(e)) {
      return "no connection to Garmin within " + seconds(via.connectTimeoutMillis());
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return "could not connect to Garmin";
    }
    if (e instanceof SSLHandshakeException) {
      return "the TLS handshake with Garmin failed";
    }
    if (e instanceof SSLException) {
      return "the TLS connection to Garmin failed";
    }
    if (isTimeout(e)) {
      // The call timeout interrupts; the read timeout is a SocketTimeoutException: either way
      // nothing (complete) came back in time. Name the limit that applied.
      long limit =
          e instanceof SocketTimeoutException || via.callTimeoutMillis() == 0
              ? via.readTimeoutMillis()
              : via.callTimeoutMillis();
      return "no answer within " + seconds(limit);
    }
    if (isClosedConnection(e)) {
      return "the connection closed before Garmin answered";
    }
    if (e instanceof ProtocolException) {
      return "Garmin's answer was not valid HTTP";
    }
    return "the connection to Garmin failed";
  }

  /** The peer closed or reset the connection. */
  static boolean isClosedConnection(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EOFException) {
        return true;
      }
      String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (m.contains("unexpected end of stream")
          || m.contains("connection reset")
          || m.contains("broken pipe")
          || m.contains("stream was reset")
          || (t instanceof SocketException && m.contains("closed"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTimeout(IOException e) {
    return e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException && !(e instanceof BrokenAnswer));
  }

  private static boolean isConnectPhase(IOException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return m.contains("connect");
  }

  /** "30 s", "1.5 s". */
  static String seconds(long millis) {
    if (millis % 1000 == 0) {
      return (millis / 1000) + " s";
    }
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
