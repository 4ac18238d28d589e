package com.fittrack.garminauth.garmin;

import com.fittrack.garminauth.core.application.port.out.GarminConnectApi;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.ValidationException;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiBody;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiRequest;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * Streamed Connect API calls on the Garmin client's own transport (its OkHttp client: pool,
 * identity, proxy, connect and read timeouts), for the proxy. Bodies are streamed both ways: a
 * request body is read from its source while it is written, an answer is handed back unread.
 * Nothing is retried here; the use case decides.
 *
 * <pre>{@code
 * GarminConnectApi api = garminClient.connectApi();
 * try (ConnectApiResponse r = api.send(request, token.token())) { r.body().transferTo(out); }
 * }</pre>
 *
 * <p>Only Connect API paths reach it (the request's {@code ConnectApiPath} checked them); it checks
 * once more that the URL it built stays on the Connect API host.
 */
public final class ConnectApiClient implements GarminConnectApi {
  /** Answer headers passed back, lower case: never cookies, auth challenges or hop-by-hop ones. */
  public static final Set<String> RETURNED_HEADERS =
      Set.of(
          "content-encoding",
          "content-disposition",
          "content-range",
          "accept-ranges",
          "etag",
          "last-modified",
          "retry-after");

  /** Idle connections to the Connect API kept for reuse. */
  static final int IDLE_CONNECTIONS = 32;

  /** How long an idle connection is kept (OkHttp's default). */
  static final Duration IDLE_KEEP_ALIVE = Duration.ofMinutes(5);

  private final HttpUrl base;
  private final OkHttpClient client;

  ConnectApiClient(GarminEndpoints endpoints, OkHttpClient transport) {
    this.base = HttpUrl.get(endpoints.connectApi().toString());
    // A FIT file can take longer than the total limit of a token call; connect and read timeouts
    // (a stalled Garmin) still apply.
    // A pool of its own, larger than OkHttp's default of 5 idle connections: a proxy serving a few
    // dozen calls at once otherwise closes and opens connections to Garmin all the time (a TCP and
    // TLS handshake each; docs/benchmarks.md, the Connect proxy section).
    this.client =
        transport
            .newBuilder()
            .callTimeout(Duration.ZERO)
            .connectionPool(
                new ConnectionPool(IDLE_CONNECTIONS, IDLE_KEEP_ALIVE.toMinutes(), TimeUnit.MINUTES))
            .build();
  }

  @Override
  public ConnectApiResponse send(ConnectApiRequest request, Secret accessToken) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(accessToken, "accessToken");
    Response response;
    try {
      response = client.newCall(build(request, accessToken)).execute();
    } catch (InterruptedIOException e) {
      throw GarminUnavailableException.unavailable("the Connect API call timed out", null);
    } catch (IOException e) {
      // the class name only: OkHttp messages may carry the URL and its query
      throw GarminUnavailableException.unavailable(
          "the Connect API call failed: " + e.getClass().getSimpleName(), null);
    }
    return answer(response);
  }

  private Request build(ConnectApiRequest request, Secret token) {
    String prefix =
        base.encodedPath().endsWith("/") ? base.encodedPath() : base.encodedPath() + "/";
    HttpUrl url =
        base.newBuilder()
            .encodedPath(prefix + request.path().path().substring(1))
            .encodedQuery(request.path().query().orElse(null))
            .build();
    if (!url.host().equals(base.host()) || url.port() != base.port()) {
      throw new ValidationException("path", "must stay on the Connect API host");
    }
    Request.Builder b = new Request.Builder().url(url);
    boolean acceptEncoding = false;
    for (Map.Entry<String, String> h : request.headers()) {
      b.addHeader(h.getKey(), h.getValue());
      acceptEncoding |= h.getKey().equalsIgnoreCase("Accept-Encoding");
    }
    if (!acceptEncoding) {
      // otherwise OkHttp asks for gzip and unzips it, and the length Garmin sent is lost
      b.header("Accept-Encoding", "identity");
    }
    b.header("Authorization", "Bearer " + token.reveal());
    RequestBody body = request.body().map(ConnectApiClient::body).orElse(null);
    if (body == null && (request.method().equals("POST") || request.method().equals("PUT"))) {
      body = RequestBody.create(new byte[0]);
    }
    return b.method(request.method(), body).build();
  }

  private static RequestBody body(ConnectApiBody body) {
    MediaType type = body.contentType().map(MediaType::parse).orElse(null);
    if (body instanceof ConnectApiBody.Buffered buffered) {
      return RequestBody.create(buffered.bytes(), type);
    }
    ConnectApiBody.Streamed streamed = (ConnectApiBody.Streamed) body;
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return type;
      }

      @Override
      public long contentLength() {
        return streamed.contentLength();
      }

      @Override
      public boolean isOneShot() {
        return true;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        try (Source source = Okio.source(streamed.source())) {
          sink.writeAll(source);
        }
      }
    };
  }

  private static ConnectApiResponse answer(Response response) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    Headers all = response.headers();
    for (int i = 0; i < all.size(); i++) {
      if (RETURNED_HEADERS.contains(all.name(i).toLowerCase(Locale.ROOT))) {
        headers.add(Map.entry(all.name(i), all.value(i)));
      }
    }
    return new ConnectApiResponse(
        response.code(),
        headers,
        Optional.ofNullable(response.header("Content-Type")),
        length(response.header("Content-Length")),
        response.body().byteStream(),
        false);
  }

  private static OptionalLong length(String header) {
    try {
      long n = header == null ? -1 : Long.parseLong(header.trim());
      return n >= 0 ? OptionalLong.of(n) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
