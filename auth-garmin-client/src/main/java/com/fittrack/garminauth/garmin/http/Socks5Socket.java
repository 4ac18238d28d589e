package com.fittrack.garminauth.garmin.http;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import javax.net.SocketFactory;

/**
 * A socket that reaches its destination through a SOCKS5 proxy (RFC 1928, user/password RFC 1929).
 * The JDK's own SOCKS support takes credentials only from the JVM-wide {@link
 * java.net.Authenticator}; this one takes them from the Garmin client's configuration alone. Host
 * names are sent to the proxy unresolved (see {@link ProxyResolves}), so DNS happens there.
 */
final class Socks5Socket extends Socket {
  private static final int VERSION = 5;
  private static final byte[] UNSPECIFIED = new byte[4];

  /**
   * OkHttp's DNS for SOCKS5 routes: a placeholder address that keeps the host name, for the proxy
   * to resolve. One instance per client on purpose: OkHttp pools connections by address, and the
   * DNS is part of the address where the socket factory is not; distinct instances keep sign-in
   * connections through the sign-in proxy from being reused for refreshes and the other way round.
   */
  static final class ProxyResolves implements okhttp3.Dns {
    @Override
    public java.util.List<InetAddress> lookup(String host) throws UnknownHostException {
      return java.util.List.of(InetAddress.getByAddress(host, UNSPECIFIED));
    }
  }

  private final EgressProxy proxy;

  Socks5Socket(EgressProxy proxy) {
    super(Proxy.NO_PROXY); // never the JVM's socksProxyHost
    this.proxy = proxy;
  }

  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    if (!(endpoint instanceof InetSocketAddress target)) {
      throw new IllegalArgumentException("unsupported address type");
    }
    super.connect(new InetSocketAddress(proxy.host(), proxy.port()), timeout);
    int before = getSoTimeout();
    setSoTimeout(timeout); // the proxy's part of the connection counts as connecting
    try {
      handshake(target);
    } catch (IOException e) {
      close();
      throw e;
    }
    setSoTimeout(before);
  }

  private void handshake(InetSocketAddress target) throws IOException {
    OutputStream out = getOutputStream();
    DataInputStream in = new DataInputStream(getInputStream());
    out.write(proxy.hasCredentials() ? new byte[] {VERSION, 2, 0, 2} : new byte[] {VERSION, 1, 0});
    out.flush();
    expect(in.readUnsignedByte(), VERSION, "greeting");
    int method = in.readUnsignedByte();
    if (method == 2 && proxy.hasCredentials()) {
      authenticate(out, in);
    } else if (method != 0) {
      throw new IOException(
          "SOCKS5 proxy accepts none of the offered authentication methods"
              + (proxy.hasCredentials() ? "" : " (it may need a user and password)"));
    }
    out.write(connectRequest(target));
    out.flush();
    expect(in.readUnsignedByte(), VERSION, "reply");
    int reply = in.readUnsignedByte();
    in.readUnsignedByte(); // reserved
    skipBoundAddress(in, in.readUnsignedByte());
    if (reply != 0) {
      throw new IOException("SOCKS5 proxy could not connect: " + replyText(reply));
    }
  }

  private void authenticate(OutputStream out, DataInputStream in) throws IOException {
    byte[] user = proxy.username().orElseThrow().getBytes(StandardCharsets.UTF_8);
    byte[] pass = proxy.password().orElseThrow().reveal().getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[3 + user.length + pass.length];
    message[0] = 1;
    message[1] = (byte) user.length;
    System.arraycopy(user, 0, message, 2, user.length);
    message[2 + user.length] = (byte) pass.length;
    System.arraycopy(pass, 0, message, 3 + user.length, pass.length);
    out.write(message);
    out.flush();
    in.readUnsignedByte(); // sub-negotiation version
    if (in.readUnsignedByte() != 0) {
      throw new IOException("SOCKS5 proxy refused the configured credentials");
    }
  }

  private static byte[] connectRequest(InetSocketAddress target) throws UnknownHostException {
    InetAddress resolved = target.getAddress();
    boolean placeholder =
        resolved == null || java.util.Arrays.equals(resolved.getAddress(), UNSPECIFIED);
    byte[] address;
    int type;
    if (placeholder) {
      address = target.getHostString().getBytes(StandardCharsets.US_ASCII);
      if (address.length == 0 || address.length > 255) {
        throw new UnknownHostException("host name too long for SOCKS5");
      }
      type = 3;
    } else {
      address = resolved.getAddress();
      type = resolved instanceof Inet4Address ? 1 : 4;
    }
    int prefix = type == 3 ? 1 : 0;
    byte[] request = new byte[4 + prefix + address.length + 2];
    request[0] = VERSION;
    request[1] = 1; // CONNECT
    request[3] = (byte) type;
    if (type == 3) {
      request[4] = (byte) address.length;
    }
    System.arraycopy(address, 0, request, 4 + prefix, address.length);
    request[request.length - 2] = (byte) (target.getPort() >> 8);
    request[request.length - 1] = (byte) target.getPort();
    return request;
  }

  private static void skipBoundAddress(DataInputStream in, int type) throws IOException {
    int length =
        switch (type) {
          case 1 -> 4;
          case 4 -> 16;
          case 3 -> in.readUnsignedByte();
          default -> throw new IOException("SOCKS5 proxy answered an unknown address type");
        };
    in.readFully(new byte[length + 2]);
  }

  private static void expect(int actual, int expected, String what) throws IOException {
    if (actual != expected) {
      throw new IOException("SOCKS5 proxy answered a malformed " + what);
    }
  }

  private static String replyText(int reply) {
    return switch (reply) {
      case 1 -> "general failure";
      case 2 -> "not allowed by its rules";
      case 3 -> "network unreachable";
      case 4 -> "host unreachable";
      case 5 -> "connection refused";
      case 6 -> "TTL expired";
      case 7 -> "command not supported";
      case 8 -> "address type not supported";
      default -> "reply " + reply;
    };
  }

  /** Makes {@link Socks5Socket}s for OkHttp, which connects them itself. */
  static final class Factory extends SocketFactory {
    private final EgressProxy proxy;

    Factory(EgressProxy proxy) {
      this.proxy = proxy;
    }

    @Override
    public Socket createSocket() {
      return new Socks5Socket(proxy);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      Socket s = createSocket();
      s.connect(InetSocketAddress.createUnresolved(host, port));
      return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      Socket s = createSocket();
      s.connect(new InetSocketAddress(host, port));
      return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int lp)
        throws IOException {
      return createSocket(address, port);
    }
  }
}
