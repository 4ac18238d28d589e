package com.fittrack.garminauth.testkit.fakegarmin;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/** Routes requests to FakeGarmin's handlers, applying injected faults and latency. */
final class FakeGarminDispatcher extends Dispatcher {
  private final FakeSettings settings;
  private final FaultPlan faults;
  private final FakeSso sso;
  private final FakeConnectApi api;
  private final FakeGarminCounters counters;
  private final Runnable afterRequest;
  private final FakeActivityFiles files;

  FakeGarminDispatcher(
      FakeSettings settings,
      FaultPlan faults,
      FakeSso sso,
      FakeConnectApi api,
      FakeGarminCounters counters,
      Runnable afterRequest) {
    this.counters = counters;
    this.settings = settings;
    this.faults = faults;
    this.sso = sso;
    this.api = api;
    this.afterRequest = afterRequest;
    this.files = api.activityFiles();
  }

  @Override
  public MockResponse dispatch(RecordedRequest recorded) {
    try {
      counters.request();
      Incoming r = new Incoming(recorded);
      MockResponse.Builder reply = route(r);
      if (settings.closeAfterEachAnswer) {
        // Like a front that drops keep-alive connections without saying so (no Connection: close).
        reply.onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE);
      }
      Duration latency = settings.latency;
      if (!latency.isZero()) {
        reply.headersDelay(latency.toMillis(), TimeUnit.MILLISECONDS);
      }
      return reply.build();
    } finally {
      afterRequest.run();
    }
  }

  private MockResponse.Builder route(Incoming r) {
    String path = r.path();
    if (FakeActivityFiles.serves(path)) {
      return with(FakeEndpoint.API, () -> files.handle(r));
    }
    boolean get = r.method().equals("GET");
    boolean post = r.method().equals("POST");
    switch (path) {
      case "/mobile/sso/en/sign-in":
        return get
            ? with(FakeEndpoint.SIGN_IN_PAGE, () -> sso.signInPage(r, mobile(r)))
            : Replies.methodNotAllowed();
      case "/portal/sso/en-US/sign-in":
        return get
            ? with(FakeEndpoint.SIGN_IN_PAGE, () -> sso.signInPage(r, FakeStrategy.PORTAL))
            : Replies.methodNotAllowed();
      case "/portal/sso/embed":
        return get
            ? with(FakeEndpoint.SIGN_IN_PAGE, sso::loadBalancerCookie)
            : Replies.methodNotAllowed();
      case "/mobile/api/login":
        return post
            ? with(FakeEndpoint.LOGIN, () -> sso.jsonLogin(r, mobile(r)))
            : Replies.methodNotAllowed();
      case "/portal/api/login":
        return post
            ? with(FakeEndpoint.LOGIN, () -> sso.jsonLogin(r, FakeStrategy.PORTAL))
            : Replies.methodNotAllowed();
      case "/mobile/api/mfa/verifyCode":
        return post
            ? with(FakeEndpoint.MFA_VERIFY, () -> sso.jsonMfa(r, mobile(r)))
            : Replies.methodNotAllowed();
      case "/portal/api/mfa/verifyCode":
        return post
            ? with(FakeEndpoint.MFA_VERIFY, () -> sso.jsonMfa(r, FakeStrategy.PORTAL))
            : Replies.methodNotAllowed();
      case "/sso/embed":
        return get ? with(FakeEndpoint.SIGN_IN_PAGE, sso::widgetEmbed) : Replies.methodNotAllowed();
      case "/sso/signin":
        if (get) {
          return with(FakeEndpoint.SIGN_IN_PAGE, () -> sso.widgetForm(r));
        }
        return post
            ? with(FakeEndpoint.LOGIN, () -> sso.widgetLogin(r))
            : Replies.methodNotAllowed();
      case "/sso/verifyMFA/loginEnterMfaCode":
        if (get) {
          return with(FakeEndpoint.SIGN_IN_PAGE, () -> sso.widgetMfaPage(r));
        }
        return post
            ? with(FakeEndpoint.MFA_VERIFY, () -> sso.widgetMfa(r))
            : Replies.methodNotAllowed();
      case "/sso/verifyMFA/mfaCode":
        return post
            ? with(FakeEndpoint.MFA_VERIFY, () -> sso.widgetSendCode(r))
            : Replies.methodNotAllowed();
      case "/sso/login":
        return get
            ? with(FakeEndpoint.SIGN_IN_PAGE, () -> sso.widgetLoginToken(r))
            : Replies.methodNotAllowed();
      case "/di-oauth2-service/oauth/token":
        return post
            ? with(FakeEndpoint.DI_TOKEN, () -> api.diToken(r))
            : Replies.methodNotAllowed();
      case "/oauth-service/oauth/preauthorized":
        return get
            ? with(FakeEndpoint.PREAUTHORIZED, () -> api.preauthorized(r))
            : Replies.methodNotAllowed();
      case "/oauth-service/oauth/exchange/user/2.0":
        return post
            ? with(FakeEndpoint.OAUTH1_EXCHANGE, () -> api.exchange(r))
            : Replies.methodNotAllowed();
      case "/userprofile-service/socialProfile":
        return get
            ? with(FakeEndpoint.SOCIAL_PROFILE, () -> api.socialProfile(r))
            : Replies.methodNotAllowed();
      case "/activitylist-service/activities/search/activities":
        return with(FakeEndpoint.API, () -> api.activities(r));
      case "/__fakegarmin/counters":
        // Not Garmin's: lets tests in other processes read what this fake saw.
        return get ? Replies.json(200, counters.toJson()) : Replies.methodNotAllowed();
      default:
        return Replies.notFound();
    }
  }

  private static FakeStrategy mobile(Incoming r) {
    return FakeStrategy.mobile(r.query("clientId"));
  }

  /** Applies the endpoint's next fault, or handles the request normally. */
  private MockResponse.Builder with(FakeEndpoint endpoint, Supplier<MockResponse.Builder> handler) {
    counters.receive(endpoint);
    Optional<Fault> fault = faults.take(endpoint);
    if (fault.isEmpty()) {
      return handler.get();
    }
    Fault f = fault.get();
    switch (f.kind()) {
      case STATUS:
        return Replies.html(f.status(), Pages.serverError(f.status()));
      case RATE_LIMITED:
        return Replies.json(
                429, "{\"error\":{\"status-code\":\"429\",\"message\":\"Too Many Requests\"}}")
            .setHeader("Retry-After", Long.toString(f.retryAfter().toSeconds()));
      case TIMEOUT:
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE);
      case TIMEOUT_AFTER_PROCESSING:
        return handler.get().onResponseStart(SocketEffect.Stall.INSTANCE);
      case TRUNCATED_BODY:
        return Replies.json(200, "{\"access_token\":\"eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3");
      case HTML_BODY:
        return Replies.html(200, Pages.page("Garmin Connect", "<p>Something went wrong.</p>"));
      case DISCONNECT:
      default:
        return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE);
    }
  }
}
