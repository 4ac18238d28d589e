package com.fittrack.garminauth.garmin.http;

import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request to Garmin and reads the answer fully, under the {@link Transport} limits.
 * Retries, with exponential backoff and jitter, only calls the caller marked safe to repeat, and
 * only on I/O errors and 5xx: a 429 is never retried here (retrying a blocked login makes the block
 * longer); it is reported with its {@code Retry-After} for the caller's own schedule.
 *
 * <p>Log lines and errors name the step ({@code what}), never the URL: URLs carry tickets.
 */
public final class GarminHttp {
  private static final Logger log = LoggerFactory.getLogger(GarminHttp.class);

  /** Pauses between retries; a seam so that tests do not wait. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final OkHttpClient client;
  private final OkHttpClient signInClient;
  private final Transport transport;
  private final Clock clock;
  private final Sleeper sleeper;

  public GarminHttp(OkHttpClient base, Transport transport, Clock clock, Sleeper sleeper) {
    this(base, base, transport, clock, sleeper);
  }

  /** On the clients that carry the Garmin identity: TLS stack, egress proxy, app headers. */
  public GarminHttp(GarminHttpClients clients, Transport transport, Clock clock, Sleeper sleeper) {
    this(clients.tokensAndApi(), clients.signIn(), transport, clock, sleeper);
  }

  private GarminHttp(
      OkHttpClient base,
      OkHttpClient signInBase,
      Transport transport,
      Clock clock,
      Sleeper sleeper) {
    this.client = limited(base, transport);
    this.signInClient = limited(signInBase, transport);
    this.transport = transport;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  private static OkHttpClient limited(OkHttpClient base, Transport transport) {
    return base.newBuilder()
        .connectTimeout(transport.connectTimeout())
        .readTimeout(transport.readTimeout())
        .writeTimeout(transport.readTimeout())
        .callTimeout(transport.callTimeout())
        .followRedirects(false)
        // OkHttp would silently resend a request whose connection failed, even a POST: a
        // rotating refresh token or a single-use ticket must never go out twice unseen.
        .retryOnConnectionFailure(false)
        .cookieJar(CookieJar.NO_COOKIES)
        .build();
  }

  /**
   * A client for one sign-in attempt: same pool and limits, its own cookie jar, following redirects
   * but only within {@code sso}'s host, the one place credentials may go.
   */
  public OkHttpClient withCookies(SessionCookieJar jar, URI sso) {
    HttpUrl base = HttpUrl.get(sso.toString());
    return signInClient
        .newBuilder()
        .cookieJar(jar)
        .followRedirects(true)
        .followSslRedirects(false)
        .addNetworkInterceptor(new SingleHostGuard(base.host(), base.port()))
        .build();
  }

  /** The cookie-less client for token and API calls. */
  public OkHttpClient plain() {
    return client;
  }

  /** Sends once; I/O failures become {@code garmin_unavailable}. */
  public HttpReply send(OkHttpClient via, Request request, String what) {
    return send(via, request, what, false);
  }

  /** Sends, repeating a {@code retrySafe} call on I/O errors and 5xx within the retry budget. */
  public HttpReply send(OkHttpClient via, Request request, String what, boolean retrySafe) {
    int attempts = retrySafe ? transport.maxAttempts() : 1;
    Instant deadline = clock.instant().plus(transport.retryBudget());
    for (int attempt = 1; ; attempt++) {
      try {
        HttpReply reply = once(via, request, what);
        if (!reply.isServerError() || attempt >= attempts) {
          return reply;
        }
        Duration wait = reply.retryAfter().orElseGet(backoff(attempt));
        if (!waitBeforeRetry(wait, deadline, what, "HTTP " + reply.code())) {
          return reply;
        }
      } catch (SingleHostGuard.Refused e) {
        throw new GarminProtocolException(what + " was redirected away from the SSO host; refused");
      } catch (IOException e) {
        if (attempt >= attempts
            || !waitBeforeRetry(backoff(attempt).get(), deadline, what, kind(e))) {
          throw GarminUnavailableException.unavailable(what + " failed: " + kind(e), null);
        }
      }
    }
  }

  private Supplier<Duration> backoff(int attempt) {
    return () -> {
      long base = transport.backoffBase().toMillis() << Math.min(attempt - 1, 10);
      long capped = Math.min(base, transport.maxBackoff().toMillis());
      long jitter = ThreadLocalRandom.current().nextLong(capped / 2 + 1);
      return Duration.ofMillis(capped / 2 + jitter);
    };
  }

  private boolean waitBeforeRetry(Duration wait, Instant deadline, String what, String why) {
    if (wait.compareTo(transport.maxBackoff()) > 0
        || clock.instant().plus(wait).isAfter(deadline)) {
      return false;
    }
    log.debug("{} failed ({}), retrying in {} ms", what, why, wait.toMillis());
    try {
      sleeper.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private HttpReply once(OkHttpClient via, Request request, String what) throws IOException {
    try (Response response = via.newCall(request).execute()) {
      ResponseBody body = response.body();
      MediaType type = body.contentType();
      String contentType = type == null ? "" : type.toString().toLowerCase(Locale.ROOT);
      Charset charset =
          type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
      String text = readCapped(body.source(), charset, what);
      return new HttpReply(
          response.code(),
          contentType,
          text,
          RetryAfter.parse(response.header("Retry-After"), clock));
    }
  }

  private String readCapped(BufferedSource source, Charset charset, String what)
      throws IOException {
    long cap = transport.maxBodyBytes();
    if (source.request(cap + 1)) {
      throw new GarminProtocolException(
          what + " answered a body larger than " + cap + " bytes; refusing to read it");
    }
    return source.getBuffer().readString(charset);
  }

  private static String kind(IOException e) {
    if (e instanceof InterruptedIOException) {
      return "timed out";
    }
    // The class name only: OkHttp messages can contain the request URL, and URLs carry tickets.
    return e.getClass().getSimpleName();
  }
}
