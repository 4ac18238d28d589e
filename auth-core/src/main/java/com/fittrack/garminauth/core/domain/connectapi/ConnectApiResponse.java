package com.fittrack.garminauth.core.domain.connectapi;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Garmin's answer, its body still unread: the status, the headers that may go back to the caller
 * (the adapter keeps an allow list: never {@code Set-Cookie} or auth headers), and the body as a
 * stream. Close it (try-with-resources) to release the connection.
 *
 * @param refreshed whether the token was refreshed and the call sent again after a 401
 */
public record ConnectApiResponse(
    int status,
    List<Map.Entry<String, String>> headers,
    Optional<String> contentType,
    OptionalLong contentLength,
    InputStream body,
    boolean refreshed)
    implements AutoCloseable {

  public ConnectApiResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100-599");
    }
    headers = List.copyOf(headers);
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(contentLength, "contentLength");
    Objects.requireNonNull(body, "body");
  }

  /** The same answer, marked as the one after a refresh. */
  public ConnectApiResponse afterRefresh() {
    return new ConnectApiResponse(status, headers, contentType, contentLength, body, true);
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    return headers.stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // the connection is discarded either way; nothing the caller could do about it
    }
  }
}
