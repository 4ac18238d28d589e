package com.fittrack.garminauth.http;

import com.fittrack.garminauth.core.application.port.in.CallGarminConnect;
import com.fittrack.garminauth.core.application.port.in.ManageGarminCooldowns;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.security.RouteRole;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API, configured onto a Javalin instance: routes, API-key scopes, problem documents, body
 * limits, security headers, access log and request metrics. Everything about HTTP is here;
 * everything about Garmin sessions is in the use cases.
 *
 * <pre>{@code
 * HttpApi api = new HttpApi(useCases, apiKeys, limiter, HttpApi.Options.defaults(ready, scrape), registry);
 * Javalin app = Javalin.create(api::configure).start("127.0.0.1", 7070);
 * }</pre>
 */
public final class HttpApi {
  private static final Logger ACCESS = LoggerFactory.getLogger("garmin-auth.access");
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final String KEY_ATTRIBUTE = "garmin-auth.api-key";
  static final String CONNECTION = "/v1/connections/{userId}";
  static final String COOLDOWNS = "/v1/admin/garmin-cooldowns";

  /** Javalin's {@code <path>} takes the rest of the path, slashes included. */
  static final String GARMIN_PROXY = CONNECTION + "/garmin/<path>";

  /** HTTP settings. {@code metricsPublic}: whether /metrics needs the metrics:read scope. */
  public record Options(
      int maxBodyBytes,
      boolean metricsPublic,
      BooleanSupplier readiness,
      Supplier<String> metricsScrape,
      Supplier<Map<String, String>> readyDetails) {
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;

    /** Without details on /health/ready. */
    public Options(
        int maxBodyBytes,
        boolean metricsPublic,
        BooleanSupplier readiness,
        Supplier<String> metricsScrape) {
      this(maxBodyBytes, metricsPublic, readiness, metricsScrape, Map::of);
    }

    public Options {
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
      }
      Objects.requireNonNull(readiness, "readiness");
      Objects.requireNonNull(metricsScrape, "metricsScrape");
      Objects.requireNonNull(readyDetails, "readyDetails");
    }
  }

  private final ApiKeys apiKeys;
  private final Options options;
  private final MeterRegistry registry;
  private final JsonBodies bodies;
  private final JsonResponses responses;
  private final ConnectionHandlers connections;
  private final CooldownHandlers cooldowns;
  // Made on the first GET /openapi.json: reading the YAML document was about a twentieth of the
  // server's start, for a document most deployments never fetch. Two first requests at once may
  // both make it; they make the same bytes.
  private volatile byte[] openApiJson;
  private final InFlightRequests inFlight = new InFlightRequests();

  /**
   * Timers already registered, so that a request does not build a meter id and look it up in the
   * registry (a visible share of a token request's time, docs/benchmarks.md figure 3).
   */
  private final ConcurrentMap<TimerKey, Timer> requestTimers = new ConcurrentHashMap<>();

  private final FeedHandlers feeds;
  private final GarminProxy proxy;

  public HttpApi(
      UseCases useCases,
      ApiKeys apiKeys,
      AddressLoginLimiter addressLimiter,
      Options options,
      MeterRegistry registry) {
    this(useCases, apiKeys, addressLimiter, options, registry, Features.none());
  }

  /** An API that also serves the connection listing and the event feed. */
  public HttpApi(
      UseCases useCases,
      ApiKeys apiKeys,
      AddressLoginLimiter addressLimiter,
      Options options,
      MeterRegistry registry,
      FeedUseCases feedUseCases) {
    this(
        useCases,
        apiKeys,
        addressLimiter,
        options,
        registry,
        Features.none().withFeeds(feedUseCases));
  }

  /** An API with the optional features its backend offers (see {@link Features}). */
  public HttpApi(
      UseCases useCases,
      ApiKeys apiKeys,
      AddressLoginLimiter addressLimiter,
      Options options,
      MeterRegistry registry,
      Features features) {
    Objects.requireNonNull(features, "features");
    this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
    this.options = Objects.requireNonNull(options, "options");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.bodies = new JsonBodies(options.maxBodyBytes());
    this.responses = new JsonResponses(bodies.mapper());
    this.connections = new ConnectionHandlers(useCases, bodies, responses, addressLimiter);
    this.feeds = new FeedHandlers(features.feeds(), responses);
    this.proxy = new GarminProxy(features.garminCalls(), features.proxy(), registry);
    this.cooldowns = new CooldownHandlers(features.cooldowns(), responses);
  }

  /**
   * What an API serves beyond the core routes, each answering 404 (or showing nothing) when its
   * backend is absent: the connection listing and event feed, the Garmin Connect proxy, and the
   * Garmin cooldowns (readiness details and the admin routes).
   *
   * <pre>{@code
   * HttpApi.Features.none().withFeeds(feeds).withGarminCalls(calls, proxySettings)
   * }</pre>
   */
  public record Features(
      FeedUseCases feeds,
      Optional<CallGarminConnect> garminCalls,
      GarminProxy.Settings proxy,
      Optional<ManageGarminCooldowns> cooldowns) {
    public Features {
      Objects.requireNonNull(feeds, "feeds");
      Objects.requireNonNull(garminCalls, "garminCalls");
      Objects.requireNonNull(proxy, "proxy");
      Objects.requireNonNull(cooldowns, "cooldowns");
    }

    public static Features none() {
      return new Features(
          FeedUseCases.unavailable(),
          Optional.empty(),
          GarminProxy.Settings.defaults(),
          Optional.empty());
    }

    public Features withFeeds(FeedUseCases f) {
      return new Features(f, garminCalls, proxy, cooldowns);
    }

    public Features withGarminCalls(Optional<CallGarminConnect> calls, GarminProxy.Settings p) {
      return new Features(feeds, calls, p, cooldowns);
    }

    public Features withCooldowns(Optional<ManageGarminCooldowns> c) {
      return new Features(feeds, garminCalls, proxy, c);
    }
  }

  /**
   * Loads and initialises what this API's start and first answers use, without opening anything:
   * Jackson's serializers of the answers and its parser, Javalin's configuration and Jetty's
   * server, connector and HTTP parser classes. Each is made and thrown away. A server calls this on
   * a spare core while its database opens, so that its main thread finds these classes ready
   * (docs/decisions/0118-start-time.md); calling it is never needed for correctness.
   */
  public static void prepare() {
    JsonBodies bodies = new JsonBodies(1024);
    JsonResponses responses = new JsonResponses(bodies.mapper());
    responses.prepare(
        TokenView.class, Problem.class, Health.class, Ready.class, ConnectionView.class);
    try {
      bodies.mapper().readValue("{\"rejectedToken\":\"x\"}", TokenRequest.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the API's JSON set-up failed", e);
    }
    Javalin.create(config -> config.startup.showJavalinBanner = false);
    org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server();
    new org.eclipse.jetty.server.ServerConnector(jetty).setHost("127.0.0.1");
    new org.eclipse.jetty.ee10.servlet.ServletContextHandler();
    // the parser's header tables; the parser itself is made per connection
    Objects.requireNonNull(org.eclipse.jetty.http.HttpParser.CACHE);
  }

  /** Every route with the scope it needs; the single list that is registered and documented. */
  public static List<RouteSpec> routes(boolean metricsPublic) {
    return List.of(
        new RouteSpec("POST", CONNECTION + "/login", Optional.of(Scope.CONNECTIONS_WRITE)),
        new RouteSpec("POST", CONNECTION + "/mfa", Optional.of(Scope.CONNECTIONS_WRITE)),
        new RouteSpec("GET", CONNECTION, Optional.of(Scope.CONNECTIONS_READ)),
        new RouteSpec("DELETE", CONNECTION, Optional.of(Scope.CONNECTIONS_WRITE)),
        new RouteSpec("POST", CONNECTION + "/token", Optional.of(Scope.TOKENS_READ)),
        new RouteSpec("PUT", CONNECTION + "/session", Optional.of(Scope.CONNECTIONS_WRITE)),
        new RouteSpec("GET", "/health/live", Optional.empty()),
        new RouteSpec("GET", "/health/ready", Optional.empty()),
        new RouteSpec(
            "GET", "/metrics", metricsPublic ? Optional.empty() : Optional.of(Scope.METRICS_READ)),
        new RouteSpec("GET", "/openapi.json", Optional.empty()),
        new RouteSpec("GET", "/v1/connections", Optional.of(Scope.CONNECTIONS_READ)),
        new RouteSpec("GET", "/v1/events", Optional.of(Scope.EVENTS_READ)),
        new RouteSpec("GET", GARMIN_PROXY, Optional.of(Scope.GARMIN_READ)),
        new RouteSpec("POST", GARMIN_PROXY, Optional.of(Scope.GARMIN_WRITE)),
        new RouteSpec("PUT", GARMIN_PROXY, Optional.of(Scope.GARMIN_WRITE)),
        new RouteSpec("DELETE", GARMIN_PROXY, Optional.of(Scope.GARMIN_WRITE)),
        new RouteSpec("GET", "/", Optional.empty()),
        new RouteSpec("GET", COOLDOWNS, Optional.of(Scope.ADMIN)),
        new RouteSpec("DELETE", COOLDOWNS + "/{key}", Optional.of(Scope.ADMIN)));
  }

  /** Applies the API to a Javalin configuration (before the server starts). */
  public void configure(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.maxRequestSize = options.maxBodyBytes();
    config.http.prefer405over404 = true;
    config.router.ignoreTrailingSlashes = false;
    config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
    config.requestLogger.http(this::logRequest);
    JettyHardening.apply(config, bodies.mapper());

    // one before-handler rather than two: each is matched against the path on every request
    config.routes.before(
        ctx -> {
          securityHeaders(ctx);
          inFlight.enter(ctx);
        });
    config.routes.after(inFlight::leave);
    config.routes.beforeMatched(this::authorize);
    for (RouteSpec route : routes(options.metricsPublic())) {
      RouteRole[] roles = route.scope().map(s -> new RouteRole[] {s}).orElse(new RouteRole[0]);
      config.routes.addHttpHandler(
          HandlerType.findOrCreate(route.method()), route.path(), handlerFor(route), roles);
      if (route.method().equals("GET")) {
        // an explicit HEAD route: Javalin's implicit one answers without running the key check
        config.routes.addHttpHandler(HandlerType.HEAD, route.path(), handlerFor(route), roles);
      }
    }
    config.routes.exception(GarminAuthException.class, this::onDomainFailure);
    config.routes.exception(
        HttpProblem.class, (e, ctx) -> problem(ctx, ProblemMapper.of(e, ctx.path())));
    config.routes.exception(HttpResponseException.class, this::onJavalinResponse);
    config.routes.exception(Exception.class, this::onUnexpected);
  }

  /**
   * Stops taking new requests (they get 503 {@code shutting_down}) and waits up to {@code grace}
   * for the ones in flight to finish. Returns whether they all did.
   */
  public boolean drain(java.time.Duration grace) {
    return inFlight.drain(grace);
  }

  private Handler handlerFor(RouteSpec route) {
    String key = route.method() + " " + route.path();
    return switch (key) {
      case "POST " + CONNECTION + "/login" -> connections::login;
      case "POST " + CONNECTION + "/mfa" -> connections::completeMfa;
      case "GET " + CONNECTION -> connections::status;
      case "DELETE " + CONNECTION -> connections::disconnect;
      case "POST " + CONNECTION + "/token" -> connections::token;
      case "PUT " + CONNECTION + "/session" -> connections::importSession;
      case "GET /health/live" -> ctx -> responses.json(ctx, 200, new Health("UP"));
      case "GET /health/ready" -> this::ready;
      case "GET /metrics" -> this::metrics;
      case "GET /openapi.json" -> ctx -> ctx.contentType("application/json").result(openApiJson());
      case "GET /v1/connections" -> feeds::list;
      case "GET /v1/events" -> feeds::events;
      case "GET " + GARMIN_PROXY,
          "POST " + GARMIN_PROXY,
          "PUT " + GARMIN_PROXY,
          "DELETE " + GARMIN_PROXY ->
          proxy::handle;
      case "GET /" -> ctx -> responses.json(ctx, 200, ApiIndex.of(options.metricsPublic()));
      case "GET " + COOLDOWNS -> cooldowns::list;
      case "DELETE " + COOLDOWNS + "/{key}" -> cooldowns::clear;
      default -> throw new IllegalStateException("no handler for " + key);
    };
  }

  record Health(String status) {}

  /**
   * The readiness answer, with what an operator checks about this instance (TLS identity...) and
   * the Garmin cooldowns every instance honours right now.
   */
  record Ready(
      String status,
      Map<String, String> details,
      List<CooldownHandlers.CooldownView> garminCooldowns) {}

  private byte[] openApiJson() {
    byte[] json = openApiJson;
    if (json == null) {
      json = OpenApiDocument.asJson(bodies.mapper());
      openApiJson = json;
    }
    return json;
  }

  private void ready(Context ctx) {
    boolean up;
    try {
      up = options.readiness().getAsBoolean();
    } catch (RuntimeException e) {
      LOG.warn("readiness check failed: {}", e.getClass().getSimpleName());
      up = false;
    }
    List<CooldownHandlers.CooldownView> garminCooldowns;
    try {
      garminCooldowns = cooldowns.views();
    } catch (RuntimeException e) {
      // the database is down: readiness already says so
      garminCooldowns = List.of();
    }
    responses.json(
        ctx, up ? 200 : 503, new Ready(up ? "UP" : "DOWN", readyDetails(), garminCooldowns));
  }

  private Map<String, String> readyDetails() {
    try {
      return new TreeMap<>(options.readyDetails().get());
    } catch (RuntimeException e) {
      LOG.warn("readiness details failed: {}", e.getClass().getSimpleName());
      return Map.of();
    }
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(options.metricsScrape().get());
  }

  private void securityHeaders(Context ctx) {
    SecurityHeaders.apply(ctx::header);
  }

  private void authorize(Context ctx) {
    Set<RouteRole> required = ctx.routeRoles();
    if (required.isEmpty()) {
      return;
    }
    ApiKey key = apiKeys.authenticate(bearer(ctx)).orElseThrow(HttpProblem::unauthorized);
    ctx.attribute(KEY_ATTRIBUTE, key.name());
    for (RouteRole role : required) {
      if (role instanceof Scope scope && !key.scopes().contains(scope)) {
        throw HttpProblem.forbidden(scope);
      }
    }
  }

  private static String bearer(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).strip();
  }

  private void onDomainFailure(GarminAuthException e, Context ctx) {
    if (ProblemMapper.statusOf(e.code()) >= 500) {
      // the type and code tell operators enough; the cause may carry adapter details
      LOG.warn(
          "{} {} failed: {} ({})", ctx.method(), ctx.path(), e.code().wireName(), e.getMessage());
    }
    problem(ctx, ProblemMapper.of(e, ctx.path(), ctx.pathParamMap().get("userId")));
  }

  private void onJavalinResponse(HttpResponseException e, Context ctx) {
    int status = e.getStatus();
    Problem p =
        switch (status) {
          case 404 -> ProblemMapper.generic(404, "not_found", "no such route", ctx.path());
          case 405 ->
              ProblemMapper.generic(
                  405, "method_not_allowed", "this route does not take that method", ctx.path());
          case 413 ->
              ProblemMapper.of(HttpProblem.payloadTooLarge(options.maxBodyBytes()), ctx.path());
          default ->
              ProblemMapper.generic(
                  status, "http_" + status, ProblemMapper.title(status), ctx.path());
        };
    problem(ctx, p);
  }

  private void onUnexpected(Exception e, Context ctx) {
    LOG.error("{} {} failed unexpectedly", ctx.method(), ctx.path(), e);
    problem(ctx, ProblemMapper.internal(ctx.path()));
  }

  private void problem(Context ctx, Problem problem) {
    responses.problem(ctx, problem);
  }

  private void logRequest(Context ctx, Float millis) {
    String route = matchedRoute(ctx);
    String keyName = ctx.attribute(KEY_ATTRIBUTE);
    int status = ctx.status().getCode();
    String method = JettyHardening.methodTag(ctx.req().getMethod());
    requestTimers
        .computeIfAbsent(
            new TimerKey(method, route, status),
            k ->
                Timer.builder("garmin_auth_http_requests")
                    .description("HTTP requests by route and status")
                    .tag("method", k.method())
                    .tag("route", k.route())
                    .tag("status", Integer.toString(k.status()))
                    .register(registry))
        .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    if (!route.equals("/health/live") && !route.equals("/health/ready")) {
      ACCESS.info(
          "{} {} {} {}ms key={}",
          ctx.method(),
          ctx.path(),
          status,
          Math.round(millis),
          keyName == null ? "-" : keyName);
    }
  }

  /** The tags of one request timer: each part takes a bounded set of values. */
  private record TimerKey(String method, String route, int status) {}

  private static String matchedRoute(Context ctx) {
    try {
      return ctx.endpoints().matchedHttpEndpoint().path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }
}
