package com.fittrack.garminauth.http;

import com.fittrack.garminauth.core.application.port.in.CallGarminConnect;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.domain.ValidationException;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiBody;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiPath;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiRequest;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiResponse;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/connections/{userId}/garmin/<path>}: a Garmin Connect API call made for the user
 * through {@link CallGarminConnect}, with bodies streamed both ways. The path is checked before
 * anything is sent; the caller's key, cookies and hop-by-hop headers stay here; Garmin's cookies
 * and auth headers stay there. A 401 that survives the use case's refresh becomes our {@code
 * garmin_rejected_token} problem; every other answer (429 and 5xx with their {@code Retry-After}
 * included) is passed through as Garmin sent it.
 */
public final class GarminProxy {
  private static final Logger LOG = LoggerFactory.getLogger(GarminProxy.class);
  private static final String PREFIX = "/v1/connections/";
  private static final String GARMIN = "/garmin/";
  private static final int COPY_BUFFER = 64 * 1024;
  private static final int MIN_COPY_BUFFER = 1024;

  /**
   * @param maxBodyBytes the largest request body forwarded (uploads)
   * @param maxConcurrentPerUser proxied calls per user at once on one instance
   * @param replayableBodyBytes bodies up to this size are buffered, so that a call can be resent
   *     after a refresh; larger ones are streamed once
   */
  public record Settings(int maxBodyBytes, int maxConcurrentPerUser, int replayableBodyBytes) {
    public static final int DEFAULT_MAX_BODY_BYTES = 25 * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_PER_USER = 4;
    public static final int DEFAULT_REPLAYABLE_BODY_BYTES = 1024 * 1024;

    public Settings {
      if (maxBodyBytes < 1024 || maxConcurrentPerUser < 1 || replayableBodyBytes < 0) {
        throw new IllegalArgumentException(
            "maxBodyBytes >= 1024, maxConcurrentPerUser >= 1, replayableBodyBytes >= 0 required");
      }
    }

    public static Settings defaults() {
      return new Settings(
          DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CONCURRENT_PER_USER, DEFAULT_REPLAYABLE_BODY_BYTES);
    }
  }

  private final Optional<CallGarminConnect> calls;
  private final Settings settings;
  private final PerUserLimit limit;
  private final MeterRegistry registry;

  /**
   * Registered call timers by "method upstream" (both bounded sets), looked up without a builder.
   */
  private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

  GarminProxy(Optional<CallGarminConnect> calls, Settings settings, MeterRegistry registry) {
    this.calls = Objects.requireNonNull(calls, "calls");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.limit = new PerUserLimit(settings.maxConcurrentPerUser());
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  void handle(Context ctx) throws IOException {
    CallGarminConnect use =
        calls.orElseThrow(
            () -> new HttpProblem(404, "not_found", "this server has no Garmin Connect proxy"));
    UserId user = UserId.of(ctx.pathParam("userId"));
    String method = ctx.req().getMethod();
    ConnectApiPath path = ConnectApiPath.of(rawGarminPath(ctx.req()), ctx.req().getQueryString());
    try (PerUserLimit.Permit permit = limit.acquire(user)) {
      ConnectApiRequest request =
          ConnectApiRequest.of(method, path, headers(ctx.req()), body(ctx.req(), method));
      try (ConnectApiResponse answer = call(use, user, request)) {
        if (answer.status() == 401) {
          throw HttpProblem.garminRejectedToken();
        }
        send(ctx.res(), answer, method.equals("HEAD"));
      }
    }
  }

  private ConnectApiResponse call(CallGarminConnect use, UserId user, ConnectApiRequest request) {
    long started = System.nanoTime();
    String upstream = "none";
    try {
      ConnectApiResponse answer = use.call(user, request);
      upstream = statusClass(answer.status());
      if (answer.refreshed()) {
        registry.counter("garmin_auth_proxy_token_refreshes").increment();
      }
      return answer;
    } catch (GarminAuthException e) {
      upstream = e.code().wireName();
      throw e;
    } finally {
      // time to Garmin's answer (headers); the body's streaming time is the caller's
      timers
          .computeIfAbsent(
              request.method() + " " + upstream,
              k ->
                  Timer.builder("garmin_auth_proxy_calls")
                      .description("Proxied Garmin Connect calls by method and Garmin's answer")
                      .tag("method", request.method())
                      .tag("upstream", k.substring(k.indexOf(' ') + 1))
                      .register(registry))
          .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  /** 2xx, 3xx, 4xx, 5xx; 401 and 429 on their own, since they mean something here. */
  static String statusClass(int status) {
    if (status == 401 || status == 429) {
      return Integer.toString(status);
    }
    return (status / 100) + "xx";
  }

  /**
   * The Garmin path as the caller sent it (still encoded): the servlet's decoded path could hide an
   * encoded slash or dot segment that Garmin would see.
   */
  static String rawGarminPath(HttpServletRequest req) {
    String uri = req.getRequestURI();
    int userEnd = uri.startsWith(PREFIX) ? uri.indexOf('/', PREFIX.length()) : -1;
    if (userEnd < 0 || !uri.startsWith(GARMIN, userEnd)) {
      throw new ValidationException("path", "must be /v1/connections/{userId}/garmin/<path>");
    }
    return uri.substring(userEnd + GARMIN.length());
  }

  private static List<Map.Entry<String, String>> headers(HttpServletRequest req) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String name : Collections.list(req.getHeaderNames())) {
      for (String value : Collections.list(req.getHeaders(name))) {
        out.add(Map.entry(name, value));
      }
    }
    // the request keeps only what may go to Garmin (never Authorization, Cookie, hop-by-hop)
    return out;
  }

  private Optional<ConnectApiBody> body(HttpServletRequest req, String method) throws IOException {
    long length = req.getContentLengthLong();
    boolean chunked = req.getHeader("Transfer-Encoding") != null;
    if (method.equals("GET") || method.equals("HEAD") || (length <= 0 && !chunked)) {
      return Optional.empty();
    }
    if (length > settings.maxBodyBytes()) {
      throw HttpProblem.payloadTooLarge(settings.maxBodyBytes());
    }
    Optional<String> type = Optional.ofNullable(req.getContentType());
    InputStream in = req.getInputStream();
    if (length >= 0 && length <= settings.replayableBodyBytes()) {
      byte[] bytes = in.readNBytes((int) length);
      if (bytes.length != length) {
        throw new ValidationException("body", "ended before its Content-Length");
      }
      return Optional.of(new ConnectApiBody.Buffered(bytes, type));
    }
    return Optional.of(
        new ConnectApiBody.Streamed(
            new CappedInputStream(in, settings.maxBodyBytes()), length, type));
  }

  private static void send(HttpServletResponse res, ConnectApiResponse answer, boolean head)
      throws IOException {
    res.setStatus(answer.status());
    answer.contentType().ifPresent(res::setContentType);
    for (Map.Entry<String, String> h : answer.headers()) {
      res.addHeader(h.getKey(), h.getValue());
    }
    answer.contentLength().ifPresent(res::setContentLengthLong);
    if (head || answer.status() == 204 || answer.status() == 304) {
      return;
    }
    OutputStream out = res.getOutputStream();
    // most answers are a few hundred bytes: a buffer of their size, 64 KiB for the large ones
    long expected = answer.contentLength().orElse(COPY_BUFFER);
    byte[] buffer = new byte[(int) Math.max(MIN_COPY_BUFFER, Math.min(COPY_BUFFER, expected))];
    InputStream in = answer.body();
    for (int n; (n = read(in, buffer)) >= 0; ) {
      out.write(buffer, 0, n);
    }
    out.flush();
  }

  private static int read(InputStream in, byte[] buffer) throws IOException {
    try {
      return in.read(buffer);
    } catch (IOException e) {
      // Garmin broke off: with a Content-Length the caller sees a short body, and Jetty aborts
      LOG.warn("a proxied Garmin answer broke off: {}", e.getClass().getSimpleName());
      throw e;
    }
  }
}
