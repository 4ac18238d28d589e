package com.fittrack.garminauth.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The few REST calls the proofs make, as a background job in any language would make them. */
final class ServerApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: status, JSON body (problem documents included) and headers. */
  record Reply(int status, JsonNode body, Map<String, List<String>> headers) {
    boolean ok() {
      return status / 100 == 2;
    }

    /** The first value of header {@code name} (case-insensitive), if the answer had it. */
    Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(h -> h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty())
          .map(h -> h.getValue().get(0))
          .findFirst();
    }

    String code() {
      return body.path("code").asText("");
    }
  }

  /** A token as {@code POST /token} answers it. */
  record Token(String accessToken, Instant expiresAt) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String apiKey;

  ServerApi(String apiKey) {
    this.apiKey = apiKey;
  }

  /**
   * The same calls over a new connection pool. The servers (Jetty) close a connection idle for 30
   * s, and a POST sent on a pooled connection at the moment it is closed fails ("header parser
   * received no bytes"; the JDK client retries only idempotent methods): a test that posts now and
   * then after busy traffic uses its own pool, whose few connections never sit idle that long.
   */
  ServerApi withOwnConnections() {
    return new ServerApi(apiKey);
  }

  Reply login(URI server, String userId, String email, String password) {
    return post(
        server,
        "/v1/connections/" + userId + "/login",
        Map.of("email", email, "password", password));
  }

  /** {@code POST /token} without a body: the current token, refreshed first when due. */
  Reply token(URI server, String userId) {
    return send(tokenRequest(server, userId));
  }

  CompletableFuture<HttpResponse<String>> tokenAsync(URI server, String userId) {
    return http.sendAsync(tokenRequest(server, userId), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest tokenRequest(URI server, String userId) {
    return HttpRequest.newBuilder(server.resolve("/v1/connections/" + userId + "/token"))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + apiKey)
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
  }

  Reply status(URI server, String userId) {
    return send(
        HttpRequest.newBuilder(server.resolve("/v1/connections/" + userId))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + apiKey)
            .GET()
            .build());
  }

  boolean ready(URI server) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(server.resolve("/health/ready"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Optional<Token> tokenOf(Reply reply) {
    if (reply.status() != 200) {
      return Optional.empty();
    }
    return Optional.of(
        new Token(
            reply.body().path("accessToken").asText(),
            Instant.parse(reply.body().path("expiresAt").asText())));
  }

  private Reply post(URI server, String path, Map<String, String> body) {
    return send(request(server, path, body));
  }

  private HttpRequest request(URI server, String path, Map<String, String> body) {
    try {
      return HttpRequest.newBuilder(server.resolve(path))
          .timeout(Duration.ofSeconds(60))
          .header("Authorization", "Bearer " + apiKey)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
      return new Reply(r.statusCode(), body, r.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
