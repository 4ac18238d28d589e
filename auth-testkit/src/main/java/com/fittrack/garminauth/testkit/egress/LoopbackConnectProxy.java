package com.fittrack.garminauth.testkit.egress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A small HTTP proxy on loopback that only tunnels ({@code CONNECT host:port}), optionally asking
 * for Basic credentials, and counts what went through it. Enough to prove a client's HTTPS left
 * through the proxy; not a general-purpose proxy.
 *
 * <pre>{@code
 * try (LoopbackConnectProxy proxy = LoopbackConnectProxy.start(Optional.of("user:pass"))) {
 *   // client configured with http://user:pass@127.0.0.1:proxy.port()
 *   assertThat(proxy.tunnels()).isEqualTo(1);
 * }
 * }</pre>
 */
public final class LoopbackConnectProxy extends LoopbackProxy {

  private LoopbackConnectProxy(Optional<String> credentials) throws IOException {
    super(credentials, "connect-proxy");
  }

  /** {@code credentials} as {@code user:password}; empty: no authentication asked. */
  public static LoopbackConnectProxy start(Optional<String> credentials) throws IOException {
    return new LoopbackConnectProxy(credentials);
  }

  @Override
  void serve(Socket client) throws IOException {
    InputStream in = client.getInputStream();
    OutputStream out = client.getOutputStream();
    while (true) {
      List<String> head = readHead(in);
      if (head.isEmpty()) {
        client.close();
        return;
      }
      String[] requestLine = head.get(0).split(" ");
      if (requestLine.length != 3 || !requestLine[0].equals("CONNECT")) {
        reply(out, "405 Only CONNECT", "");
        client.close();
        return;
      }
      if (credentials().isPresent() && !authorized(head)) {
        countRefusal();
        reply(
            out, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"t\"\r\n");
        continue; // the client may answer the challenge on the same connection
      }
      String target = requestLine[1];
      int colon = target.lastIndexOf(':');
      Socket upstream =
          open(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
      reply(out, "200 Connection established", "");
      Relay.pipe(client, upstream);
      return;
    }
  }

  private boolean authorized(List<String> head) {
    String expected =
        Base64.getEncoder()
            .encodeToString(credentials().orElseThrow().getBytes(StandardCharsets.UTF_8));
    return head.stream()
        .filter(h -> h.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:"))
        .map(h -> h.substring(h.indexOf(':') + 1).strip())
        .anyMatch(v -> v.regionMatches(true, 0, "Basic ", 0, 6) && v.substring(6).equals(expected));
  }

  private static void reply(OutputStream out, String status, String headers) throws IOException {
    out.write(
        ("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** The request line and headers up to the blank line; empty at end of stream. */
  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new java.util.ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    for (int b; (b = in.read()) != -1; ) {
      if (++total > 16_384) {
        throw new IOException("request head too large");
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
        line.reset();
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
      } else {
        line.write(b);
      }
    }
    return List.of();
  }
}
