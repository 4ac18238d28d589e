package com.fittrack.garminauth.http;

import java.net.URI;
import java.net.http.HttpRequest;

/** Builds the requests the HTTP and end-to-end tests send to a local server. */
public final class TestRequests {
  private TestRequests() {}

  /** {@code key} and {@code contentType} may be null (not sent); {@code body} null: no body. */
  public static HttpRequest request(
      int port, String method, String path, String key, String contentType, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return b.build();
  }
}
