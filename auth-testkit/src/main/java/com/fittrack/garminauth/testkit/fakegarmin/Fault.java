package com.fittrack.garminauth.testkit.fakegarmin;

import java.time.Duration;
import java.util.Objects;

/**
 * Something going wrong on the way to Garmin. Injected per endpoint with {@link
 * FakeGarmin#failNext(FakeEndpoint, Fault, int)} or {@link FakeGarmin#failAlways}.
 *
 * <pre>{@code
 * fake.failNext(FakeEndpoint.DI_TOKEN, Fault.status(503), 2);
 * fake.failNext(FakeEndpoint.DI_TOKEN, Fault.rateLimited(Duration.ofSeconds(30)), 1);
 * }</pre>
 */
public record Fault(Kind kind, int status, Duration retryAfter) {

  /** What the fault does. */
  public enum Kind {
    /** Answers {@link #status()} with an HTML error page, without handling the request. */
    STATUS,
    /** 429 with {@code Retry-After}, without handling the request. */
    RATE_LIMITED,
    /** Never answers; the client's timeout fires. The request is not handled. */
    TIMEOUT,
    /** Handles the request (a refresh token is spent!) and then never answers. */
    TIMEOUT_AFTER_PROCESSING,
    /** 200 with JSON cut off in the middle, without handling the request. */
    TRUNCATED_BODY,
    /** 200 with an HTML page where JSON was expected, without handling the request. */
    HTML_BODY,
    /** Drops the connection before answering. */
    DISCONNECT
  }

  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public static Fault status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a fault status is 4xx or 5xx");
    }
    return new Fault(Kind.STATUS, status, Duration.ZERO);
  }

  public static Fault rateLimited(Duration retryAfter) {
    return new Fault(Kind.RATE_LIMITED, 429, retryAfter);
  }

  public static Fault timeout() {
    return new Fault(Kind.TIMEOUT, 0, Duration.ZERO);
  }

  public static Fault timeoutAfterProcessing() {
    return new Fault(Kind.TIMEOUT_AFTER_PROCESSING, 0, Duration.ZERO);
  }

  public static Fault truncatedBody() {
    return new Fault(Kind.TRUNCATED_BODY, 200, Duration.ZERO);
  }

  public static Fault htmlBody() {
    return new Fault(Kind.HTML_BODY, 200, Duration.ZERO);
  }

  public static Fault disconnect() {
    return new Fault(Kind.DISCONNECT, 0, Duration.ZERO);
  }
}
