package com.fittrack.garminauth.garmin.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A network interceptor that lets a client reach one host only, redirects included. Sign-in clients
 * carry credentials and session cookies, and may follow Garmin's redirects between its own pages;
 * this makes sure no redirect takes them anywhere else.
 */
final class SingleHostGuard implements Interceptor {
  /** A request to another host was stopped before anything was sent. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused() {
      super("refused to leave the SSO host");
    }
  }

  private final String host;
  private final int port;

  SingleHostGuard(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    var url = chain.request().url();
    if (!url.host().equalsIgnoreCase(host) || url.port() != port) {
      throw new Refused();
    }
    return chain.proceed(chain.request());
  }
}
