package com.fittrack.garminauth.testkit.fakegarmin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * The Connect API's file endpoints: a FIT download ({@code GET
 * /download-service/files/activity/{id}}, a zip generated while it is sent, of {@link
 * FakeSettings#downloadBytes} bytes, never held in memory) and an upload ({@code POST
 * /upload-service/upload} or {@code /upload-service/upload/.fit}, answered with Garmin's import
 * result). Both need an accepted bearer token, like every Connect API endpoint.
 */
final class FakeActivityFiles {
  static final Pattern DOWNLOAD = Pattern.compile("/download-service/files/activity/([0-9]{1,19})");
  private static final byte[] ZIP_LOCAL_HEADER = {'P', 'K', 3, 4};

  private final FakeSettings settings;
  private final Map<String, FakeAccount> accounts;
  private final FakeTokens tokens;
  private final FakeGarminCounters counters;

  FakeActivityFiles(
      FakeSettings settings,
      Map<String, FakeAccount> accounts,
      FakeTokens tokens,
      FakeGarminCounters counters) {
    this.settings = settings;
    this.accounts = accounts;
    this.tokens = tokens;
    this.counters = counters;
  }

  /** Whether {@code path} is one of these endpoints. */
  static boolean serves(String path) {
    return DOWNLOAD.matcher(path).matches()
        || path.equals("/upload-service/upload")
        || path.equals("/upload-service/upload/.fit");
  }

  MockResponse.Builder handle(Incoming r) {
    Matcher download = DOWNLOAD.matcher(r.path());
    if (download.matches()) {
      return r.method().equals("GET") || r.method().equals("HEAD")
          ? download(r, download.group(1))
          : Replies.methodNotAllowed();
    }
    return r.method().equals("POST") ? upload(r) : Replies.methodNotAllowed();
  }

  private MockResponse.Builder download(Incoming r, String activityId) {
    if (authorized(r).isEmpty()) {
      return unauthorized();
    }
    counters.download();
    long size = settings.downloadBytes;
    MockResponseBody body =
        r.method().equals("HEAD")
            ? headersOnly(size)
            : generated(size, Long.parseLong(activityId), counters);
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "application/x-zip-compressed")
        .setHeader("Content-Disposition", "attachment; filename=\"" + activityId + ".zip\"")
        .body(body);
  }

  private static MockResponseBody headersOnly(long size) {
    return new MockResponseBody() {
      @Override
      public long getContentLength() {
        return size;
      }

      @Override
      public void writeTo(BufferedSink sink) {
        // a HEAD answer has the length of the GET's body and no body
      }
    };
  }

  /** {@code size} bytes starting like a zip, written in chunks as the client reads them. */
  static MockResponseBody generated(long size, long seed, FakeGarminCounters counters) {
    return new MockResponseBody() {
      @Override
      public long getContentLength() {
        return size;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        long written = 0;
        while (written < size) {
          int n = (int) Math.min(chunk.length, size - written);
          for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            chunk[i] = (byte) x;
          }
          if (written == 0) {
            System.arraycopy(ZIP_LOCAL_HEADER, 0, chunk, 0, Math.min(n, ZIP_LOCAL_HEADER.length));
          }
          sink.write(chunk, 0, n);
          // flushed per chunk, so that what was counted has left this server
          sink.flush();
          counters.downloaded(n);
          written += n;
        }
        sink.flush();
      }
    };
  }

  private MockResponse.Builder upload(Incoming r) {
    Optional<FakeAccount> account = authorized(r);
    if (account.isEmpty()) {
      return unauthorized();
    }
    if (!r.hasContentType("multipart/form-data") && !r.hasContentType("application/octet-stream")) {
      return Replies.json(415, "{\"message\":\"Unsupported Media Type\"}");
    }
    long size = r.bodySize();
    if (size == 0) {
      return Replies.json(400, "{\"message\":\"No file\"}");
    }
    counters.upload(size);
    long uploadId = 300_000_000L + counters.uploads();
    ObjectNode n = Incoming.JSON.createObjectNode();
    ObjectNode result = n.putObject("detailedImportResult");
    result.put("uploadId", uploadId);
    result
        .putObject("uploadUuid")
        .put("uuid", "fa4e0000-0000-4000-8000-" + String.format("%012d", uploadId));
    result.put("owner", account.get().profileId());
    result.put("fileSize", size);
    result.put("processingTime", 12);
    result.put("creationDate", settings.clock.instant().toString());
    result.putNull("ipAddress");
    result.put("fileName", "upload.fit");
    result.putNull("report");
    result.putArray("successes");
    result.putArray("failures");
    return Replies.json(202, n);
  }

  private Optional<FakeAccount> authorized(Incoming r) {
    Optional<FakeAccount> account = r.bearer().flatMap(tokens::checkAccess).map(accounts::get);
    account.ifPresent(a -> counters.apiCall());
    return account;
  }

  private static MockResponse.Builder unauthorized() {
    return Replies.json(401, "{\"message\":\"HTTP 401 Unauthorized\",\"error\":\"Unauthorized\"}")
        .setHeader("WWW-Authenticate", "Bearer realm=\"connectapi\"");
  }
}
