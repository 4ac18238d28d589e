package com.fittrack.garminauth.garmin.http;

import java.io.IOException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Tells a request that failed on a connection taken from the pool apart from any other I/O failure.
 * Servers close idle keep-alive connections at any moment and without notice; a request written to
 * such a connection gets no byte back, and Garmin never read it. Only then is it safe to send a
 * credential post again ({@link GarminHttp.Repeat#ON_CLOSED_CONNECTION}).
 *
 * <p>A network interceptor sees each exchange's connection; a connection seen before is a reused
 * one. The set holds connections weakly, so closed ones are forgotten with their objects.
 */
final class PooledConnectionWatch implements Interceptor {
  // Static: connection pools are shared between clients (and GarminClient instances), so a
  // connection one instance used is a reused connection for every other.
  private static final Set<Connection> used = Collections.newSetFromMap(new WeakHashMap<>());

  /** The request went out on a reused connection, and no answer came back on it. */
  static final class ClosedBeforeAnswer extends IOException {
    private static final long serialVersionUID = 1L;

    ClosedBeforeAnswer(IOException cause) {
      super("the pooled connection was closed before an answer came", cause);
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Connection connection = chain.connection();
    boolean reused;
    synchronized (used) {
      reused = connection != null && !used.add(connection);
    }
    try {
      // proceed() returns once the status line and headers are read: an exception here means
      // that not one byte of an answer arrived.
      return chain.proceed(chain.request());
    } catch (IOException e) {
      // Only the call's own first request: a failure on a redirect's hop comes after an answer.
      // (Bridge interceptors add headers, so compare what the request is, not the object.)
      boolean firstHop =
          chain.request().url().equals(chain.call().request().url())
              && chain.request().method().equals(chain.call().request().method());
      if (reused && firstHop && IoFailures.isClosedConnection(e)) {
        throw new ClosedBeforeAnswer(e);
      }
      throw e;
    }
  }
}
