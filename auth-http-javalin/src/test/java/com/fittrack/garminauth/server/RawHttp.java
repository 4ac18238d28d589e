package com.fittrack.garminauth.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends bytes no well-behaved HTTP client would (bad percent-encoding, huge headers, CONNECT) and
 * reads the answer: for the requests Jetty judges before any handler of ours runs.
 */
final class RawHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RawHttp() {}

  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  /** Sends {@code head} (request line and headers, no final blank line) and an optional body. */
  static Answer send(int port, String head, String body) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      // a generous bound: the machine is shared; the server answers these in milliseconds
      socket.setSoTimeout(20_000);
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder request = new StringBuilder(head);
      request.append("\r\nHost: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
      if (body != null) {
        request.append("Content-Length: ").append(content.length).append("\r\n");
      }
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      return read(socket.getInputStream(), head.startsWith("HEAD "));
    }
  }

  static Answer get(int port, String target) throws IOException {
    return send(port, "GET " + target + " HTTP/1.1", null);
  }

  private static Answer read(InputStream in, boolean headersOnly) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    try {
      while (!complete(all.toString(StandardCharsets.ISO_8859_1), headersOnly)
          && (n = in.read(buffer)) >= 0) {
        all.write(buffer, 0, n);
      }
    } catch (java.net.SocketException e) {
      // the server may reset after answering a request it refused; keep what arrived
    }
    String text = all.toString(StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no complete HTTP answer: " + text.length() + " bytes");
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new Answer(
        status,
        headers,
        new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
  }

  /** Whether a whole answer has arrived (the server may keep the connection open). */
  private static boolean complete(String text, boolean headersOnly) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    if (headersOnly) {
      return true;
    }
    String head = text.substring(0, end).toLowerCase(Locale.ROOT);
    Matcher length = Pattern.compile("content-length:\\s*(\\d+)").matcher(head);
    if (length.find()) {
      return text.length() - end - 4 >= Integer.parseInt(length.group(1));
    }
    if (head.contains("transfer-encoding: chunked")) {
      return text.endsWith("0\r\n\r\n");
    }
    return false;
  }

  private static String unchunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
      if (size == 0) {
        break;
      }
      out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    return out.toString();
  }
}
