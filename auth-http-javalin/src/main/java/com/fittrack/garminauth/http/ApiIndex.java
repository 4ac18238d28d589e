package com.fittrack.garminauth.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code GET /} answers: where to go next. A newcomer who opens the server's address in a
 * browser, or curls it, finds the API document and the health checks instead of a 404.
 *
 * <pre>{@code
 * curl -s http://127.0.0.1:7070/
 * # {"service":"garmin-auth","links":{"openapi":"/openapi.json",...},"docs":"..."}
 * }</pre>
 *
 * @param service always {@code garmin-auth}
 * @param links relative links to the public documents and checks, and the connection resource
 * @param docs where the prose documentation is
 */
record ApiIndex(String service, Map<String, String> links, String docs) {

  static ApiIndex of(boolean metricsPublic) {
    Map<String, String> links = new LinkedHashMap<>();
    links.put("openapi", "/openapi.json");
    links.put("live", "/health/live");
    links.put("ready", "/health/ready");
    links.put("metrics", "/metrics");
    links.put("connection", HttpApi.CONNECTION);
    return new ApiIndex(
        "garmin-auth",
        links,
        "The API in full: /openapi.json. In brief, with errors and scopes: docs/api.md, and"
            + " running it: docs/operations.md, in the garmin-auth repository."
            + (metricsPublic ? "" : " /metrics needs an API key with metrics:read."));
  }
}
