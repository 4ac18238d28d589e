package com.fittrack.garminauth.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fittrack.garminauth.http.TestRequests;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;

/** Drives a running server over HTTP the way a caller in any language would. */
final class ServerClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final String key;

  ServerClient(int port, String key) {
    this.port = port;
    this.key = key;
  }

  ServerClient withKey(String otherKey) {
    return new ServerClient(port, otherKey);
  }

  /** A response with its body parsed (an empty body parses as a missing node). */
  record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    String code() {
      return body.path("code").asText();
    }

    String text(String field) {
      return body.path(field).asText();
    }
  }

  Reply send(String method, String path, String contentType, String body)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            TestRequests.request(port, method, path, key, contentType, body),
            HttpResponse.BodyHandlers.ofString());
    JsonNode parsed =
        r.body().isEmpty() || !r.body().startsWith("{")
            ? JSON.missingNode()
            : JSON.readTree(r.body());
    return new Reply(r.statusCode(), parsed, r);
  }

  Reply login(String userId, String email, String password) throws Exception {
    return send(
        "POST",
        "/v1/connections/" + userId + "/login",
        "application/json",
        JSON.writeValueAsString(java.util.Map.of("email", email, "password", password)));
  }

  Reply mfa(String userId, String challengeId, String code) throws Exception {
    return send(
        "POST",
        "/v1/connections/" + userId + "/mfa",
        "application/json",
        JSON.writeValueAsString(java.util.Map.of("challengeId", challengeId, "code", code)));
  }

  Reply token(String userId) throws Exception {
    return send("POST", "/v1/connections/" + userId + "/token", null, null);
  }

  Reply status(String userId) throws Exception {
    return send("GET", "/v1/connections/" + userId, null, null);
  }

  Reply disconnect(String userId) throws Exception {
    return send("DELETE", "/v1/connections/" + userId, null, null);
  }

  Reply importSession(String userId, String json) throws Exception {
    return send("PUT", "/v1/connections/" + userId + "/session", "application/json", json);
  }

  Reply get(String path) throws Exception {
    return send("GET", path, null, null);
  }
}
