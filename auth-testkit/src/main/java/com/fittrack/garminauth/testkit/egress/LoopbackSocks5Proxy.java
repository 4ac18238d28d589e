package com.fittrack.garminauth.testkit.egress;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A small SOCKS5 server on loopback (RFC 1928 CONNECT only; user/password of RFC 1929 when
 * configured) that counts what went through it. Names under {@code .test} (RFC 6761) resolve to
 * loopback. For tests of a client's SOCKS5 egress.
 *
 * <pre>{@code
 * try (LoopbackSocks5Proxy proxy = LoopbackSocks5Proxy.start(Optional.of("user:pass"))) {
 *   // client configured with socks5://user:pass@127.0.0.1:proxy.port()
 *   assertThat(proxy.tunnels()).isEqualTo(1);
 * }
 * }</pre>
 */
public final class LoopbackSocks5Proxy extends LoopbackProxy {

  private LoopbackSocks5Proxy(Optional<String> credentials) throws IOException {
    super(credentials, "socks5-proxy");
  }

  /** {@code credentials} as {@code user:password}; empty: no authentication. */
  public static LoopbackSocks5Proxy start(Optional<String> credentials) throws IOException {
    return new LoopbackSocks5Proxy(credentials);
  }

  @Override
  void serve(Socket client) throws IOException {
    DataInputStream in = new DataInputStream(client.getInputStream());
    OutputStream out = client.getOutputStream();
    if (in.readUnsignedByte() != 5) {
      throw new IOException("not SOCKS5");
    }
    byte[] methods = new byte[in.readUnsignedByte()];
    in.readFully(methods);
    int wanted = credentials().isPresent() ? 2 : 0;
    boolean offered = false;
    for (byte m : methods) {
      offered |= m == wanted;
    }
    if (!offered) {
      countRefusal();
      out.write(new byte[] {5, (byte) 0xff});
      Relay.closeQuietly(client);
      return;
    }
    out.write(new byte[] {5, (byte) wanted});
    if (wanted == 2 && !authenticate(in, out)) {
      Relay.closeQuietly(client);
      return;
    }
    byte[] request = new byte[4];
    in.readFully(request);
    String host =
        switch (request[3]) {
          case 1 -> {
            byte[] a = new byte[4];
            in.readFully(a);
            yield InetAddress.getByAddress(a).getHostAddress();
          }
          case 3 -> {
            byte[] name = new byte[in.readUnsignedByte()];
            in.readFully(name);
            yield new String(name, StandardCharsets.US_ASCII);
          }
          case 4 -> {
            byte[] a = new byte[16];
            in.readFully(a);
            yield InetAddress.getByAddress(a).getHostAddress();
          }
          default -> throw new IOException("bad address type");
        };
    int port = in.readUnsignedShort();
    if (request[1] != 1) {
      out.write(new byte[] {5, 7, 0, 1, 0, 0, 0, 0, 0, 0});
      Relay.closeQuietly(client);
      return;
    }
    Socket upstream;
    try {
      upstream = open(host, port);
    } catch (IOException e) {
      out.write(new byte[] {5, 5, 0, 1, 0, 0, 0, 0, 0, 0});
      Relay.closeQuietly(client);
      return;
    }
    out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
    out.flush();
    Relay.pipe(client, upstream);
  }

  private boolean authenticate(DataInputStream in, OutputStream out) throws IOException {
    in.readUnsignedByte(); // sub-negotiation version
    byte[] user = new byte[in.readUnsignedByte()];
    in.readFully(user);
    byte[] pass = new byte[in.readUnsignedByte()];
    in.readFully(pass);
    String given =
        new String(user, StandardCharsets.UTF_8) + ":" + new String(pass, StandardCharsets.UTF_8);
    boolean ok = given.equals(credentials().orElseThrow());
    if (!ok) {
      // counted before the client can read the refusal, so a test that saw it fail sees the count
      countRefusal();
    }
    out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
    out.flush();
    return ok;
  }
}
