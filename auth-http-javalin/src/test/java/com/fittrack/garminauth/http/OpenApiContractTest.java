package com.fittrack.garminauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fittrack.garminauth.core.domain.ErrorCode;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Fails when a route and docs/openapi.yaml (as the build copies it) disagree. */
class OpenApiContractTest {
  // HEAD is every GET route's twin (same handler and scope, checked in registeredRoutes), so a
  // documented `head` operation describes that twin and is not a route of its own
  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
  private final JsonNode doc = OpenApiDocument.load();

  /** "METHOD path" to the scope the document requires ("" for a public route). */
  private Map<String, String> documentedRoutes() {
    Map<String, String> routes = new TreeMap<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          if (METHODS.contains(op.getKey())) {
                            routes.put(
                                op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                                scopeOf(op.getValue()));
                          }
                        }));
    return routes;
  }

  private String scopeOf(JsonNode operation) {
    JsonNode security = operation.has("security") ? operation.get("security") : doc.get("security");
    Set<String> scopes = new HashSet<>();
    security.forEach(
        req ->
            req.fields().forEachRemaining(f -> f.getValue().forEach(s -> scopes.add(s.asText()))));
    assertThat(scopes).as("one scope per operation").hasSizeLessThanOrEqualTo(1);
    return scopes.isEmpty() ? "" : scopes.iterator().next();
  }

  /** What Javalin actually registered, with the roles it enforces. */
  private Map<String, String> registeredRoutes() {
    Map<String, String> routes = new TreeMap<>();
    Map<String, String> heads = new TreeMap<>();
    HttpApi api =
        new HttpApi(
            new StubUseCases().useCases(),
            new ApiKeys(List.of()),
            new AddressLoginLimiter(1, Duration.ofMinutes(1), Clock.systemUTC()),
            new HttpApi.Options(16384, true, () -> true, () -> ""),
            new SimpleMeterRegistry());
    Javalin.create(
        config -> {
          config.events.handlerAdded(
              h -> {
                if (h.getHttpMethod() == HandlerType.HEAD) {
                  heads.put(h.getPath(), scope(h.getRoles()));
                } else if (h.getHttpMethod().isHttpMethod()) {
                  routes.put(h.getHttpMethod() + " " + h.getPath(), scope(h.getRoles()));
                }
              });
          api.configure(config);
        });
    // every GET route of the table has a HEAD twin with the same scope (so HEAD runs the key
    // check), and every HEAD route is such a twin
    for (RouteSpec r : HttpApi.routes(true)) {
      if (r.method().equals("GET")) {
        assertThat(heads).containsEntry(r.path(), r.scope().map(Scope::wireName).orElse(""));
      }
    }
    heads.forEach((path, scope) -> assertThat(routes).containsEntry("GET " + path, scope));
    return routes;
  }

  /** Javalin's {@code <rest>} parameter (slashes allowed) is OpenAPI's {@code {rest}}. */
  private static Map<String, String> asOpenApiPaths(Map<String, String> routes) {
    Map<String, String> out = new TreeMap<>();
    routes.forEach((k, v) -> out.put(k.replaceAll("<([A-Za-z]+)>", "{$1}"), v));
    return out;
  }

  private static String scope(Set<RouteRole> roles) {
    return roles.stream().map(r -> ((Scope) r).wireName()).collect(Collectors.joining("+"));
  }

  @Test
  void everyRegisteredRouteIsDocumentedWithTheSameScopeAndNothingElseIs() {
    Map<String, String> registered = registeredRoutes();

    assertThat(registered).isNotEmpty();
    assertThat(documentedRoutes()).isEqualTo(asOpenApiPaths(registered));
  }

  @Test
  void theRouteTableIsWhatGetsRegistered() {
    Map<String, String> table = new HashMap<>();
    for (RouteSpec r : HttpApi.routes(true)) {
      table.put(r.method() + " " + r.path(), r.scope().map(Scope::wireName).orElse(""));
    }
    assertThat(new TreeMap<>(table)).isEqualTo(registeredRoutes());
  }

  @Test
  void everyErrorCodeIsAnEnumValueOfTheProblemSchema() {
    Set<String> documented = new HashSet<>();
    doc.at("/components/schemas/Problem/properties/code/enum")
        .forEach(c -> documented.add(c.asText()));

    for (ErrorCode code : ErrorCode.values()) {
      assertThat(documented).contains(code.wireName());
    }
    assertThat(documented)
        .contains(
            "unauthorized",
            "forbidden",
            "payload_too_large",
            "unsupported_media_type",
            "internal_error",
            "shutting_down");
  }

  @Test
  void securedOperationsDocumentUnauthorizedAndForbidden() {
    documentedRoutes()
        .forEach(
            (route, scope) -> {
              if (!scope.isEmpty()) {
                String[] parts = route.split(" ", 2);
                JsonNode responses =
                    doc.get("paths")
                        .get(parts[1])
                        .get(parts[0].toLowerCase(Locale.ROOT))
                        .get("responses");
                assertThat(responses.has("401")).as(route).isTrue();
                assertThat(responses.has("403")).as(route).isTrue();
              }
            });
  }

  @Test
  void isOpenApi31() {
    assertThat(doc.get("openapi").asText()).startsWith("3.1.");
    assertThat(HandlerType.GET.isHttpMethod()).isTrue();
  }
}
