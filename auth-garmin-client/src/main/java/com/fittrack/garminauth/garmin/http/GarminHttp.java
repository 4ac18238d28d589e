package com.fittrack.garminauth.garmin.http;

import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.ConnectionPool;
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
 *
 * <p>How often a request may go out is the caller's call ({@link Repeat}): page loads are repeated
 * with exponential backoff and jitter on I/O errors and 5xx; a credential post is repeated once, at
 * once, on a fresh connection, only when the pooled connection it went out on turned out to be
 * closed before any byte of an answer came back; a token grant (a single-use ticket, a rotating
 * refresh token) is never repeated. A 429 is never retried here (retrying a blocked login makes the
 * block longer); it is reported with its {@code Retry-After} for the caller's own schedule.
 *
 * <p>Log lines and errors name the step ({@code what}) and say what happened ("the connection
 * closed before Garmin answered", "no answer within 30 s"), never the URL (URLs carry tickets) and
 * never an exception class name.
 */
public final class GarminHttp {
  private static final Logger log = LoggerFactory.getLogger(GarminHttp.class);

  /** Pauses between retries and a person's pauses in sign-in; a seam so that tests do not wait. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** How often a request may be sent. */
  public enum Repeat {
    /** Once, whatever happens: token grants, refreshes. */
    NEVER,
    /**
     * Once more, on a fresh connection, when a pooled connection turned out closed before any byte
     * of an answer came back: Garmin cannot have read the request. Credential and MFA posts.
     */
    ON_CLOSED_CONNECTION,
    /** Within the retry budget on I/O errors and 5xx, and as above: page loads, lookups. */
    SAFE
  }

  private static final int MAX_REDIRECTS = 10;

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
        .addNetworkInterceptor(new PooledConnectionWatch())
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

  /**
   * As {@link #withCookies(SessionCookieJar, URI)}, waiting up to {@code timeout} per call, and
   * leaving redirects to {@link #sendFollowingRedirects}: each hop is then its own request,
   * repeated as a hop may be, and a credential post is never resent because a redirect after it
   * failed.
   */
  public OkHttpClient withCookies(SessionCookieJar jar, URI sso, Duration timeout) {
    return withTimeout(withCookies(jar, sso), timeout).newBuilder().followRedirects(false).build();
  }

  /**
   * Sends, then follows redirects (at most 10) as a browser does: 301, 302 and 303 become a GET,
   * 307 and 308 keep the method and body. Each GET hop is {@link Repeat#SAFE}.
   */
  public HttpReply sendFollowingRedirects(
      OkHttpClient via, Request request, String what, Repeat repeat) {
    HttpReply reply = send(via, request, what, repeat);
    Request current = request;
    for (int hop = 0; reply.isRedirect(); hop++) {
      HttpUrl next = current.url().resolve(reply.location().get());
      if (hop >= MAX_REDIRECTS || next == null) {
        throw new GarminProtocolException(what + " was redirected too often or nowhere");
      }
      boolean keepMethod = reply.code() == 307 || reply.code() == 308;
      Request.Builder b = current.newBuilder().url(next);
      if (!keepMethod) {
        b.get().removeHeader("Content-Type").removeHeader("Content-Length");
      }
      current = b.build();
      reply = send(via, current, what, keepMethod ? repeat : Repeat.SAFE);
    }
    return reply;
  }

  /** The cookie-less client for token and API calls. */
  public OkHttpClient plain() {
    return client;
  }

  /** The cookie-less client, waiting up to {@code timeout} for an answer (sign-in's DI calls). */
  public OkHttpClient plain(Duration timeout) {
    return withTimeout(client, timeout);
  }

  private static OkHttpClient withTimeout(OkHttpClient via, Duration timeout) {
    return via.newBuilder().readTimeout(timeout).writeTimeout(timeout).callTimeout(timeout).build();
  }

  /** Waits like a person would; interrupted, it stops waiting and keeps the interrupt. */
  public void pause(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends once; I/O failures become {@code garmin_unavailable}. */
  public HttpReply send(OkHttpClient via, Request request, String what) {
    return send(via, request, what, Repeat.NEVER);
  }

  /** {@code retrySafe}: {@link Repeat#SAFE}, else {@link Repeat#NEVER}. */
  public HttpReply send(OkHttpClient via, Request request, String what, boolean retrySafe) {
    return send(via, request, what, retrySafe ? Repeat.SAFE : Repeat.NEVER);
  }

  /** Sends, repeating as {@code repeat} allows. */
  public HttpReply send(OkHttpClient via, Request request, String what, Repeat repeat) {
    int attempts = repeat == Repeat.SAFE ? transport.maxAttempts() : 1;
    boolean freshConnectionTried = false;
    OkHttpClient current = via;
    Instant deadline = clock.instant().plus(transport.retryBudget());
    for (int attempt = 1; ; attempt++) {
      try {
        HttpReply reply = once(current, request, what);
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
        if (e instanceof PooledConnectionWatch.ClosedBeforeAnswer
            && repeat != Repeat.NEVER
            && !freshConnectionTried) {
          // Garmin never saw this request: the idle connection was gone. One more, at once.
          log.debug("{}: the pooled connection was closed; sending again on a new one", what);
          freshConnectionTried = true;
          current = freshConnection(current);
          attempt--;
          continue;
        }
        if (attempt >= attempts
            || !waitBeforeRetry(backoff(attempt).get(), deadline, what, describe(e, current))) {
          throw GarminUnavailableException.unavailable(
              what + " failed: " + describe(e, current), null);
        }
      }
    }
  }

  /** The same client on a pool of its own, which cannot hand out a connection closed meanwhile. */
  private static OkHttpClient freshConnection(OkHttpClient via) {
    return via.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
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
      String text;
      try {
        text = readCapped(body.source(), charset, what);
      } catch (IOException e) {
        throw new IoFailures.BrokenAnswer(e);
      }
      return new HttpReply(
          response.code(),
          contentType,
          text,
          RetryAfter.parse(response.header("Retry-After"), clock),
          java.util.Optional.ofNullable(response.header("Location")));
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

  /** What happened, in words; OkHttp's own messages can hold the URL, which can hold a ticket. */
  static String describe(IOException e, OkHttpClient via) {
    return IoFailures.describe(e, via);
  }
}
