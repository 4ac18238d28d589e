package com.fittrack.garminauth.testkit.tls;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP server that reads the first TLS record of every connection (a client's
 * ClientHello), keeps it, and hangs up: the client sees a failed handshake, the test sees exactly
 * what the client offered. No TLS library is involved on this side.
 *
 * <pre>{@code
 * try (ClientHelloCapture capture = ClientHelloCapture.start()) {
 *   // point a client at https://localhost:capture.port()/ and call it
 *   String ja4 = Ja4.of(capture.hellos().get(0));
 * }
 * }</pre>
 */
public final class ClientHelloCapture implements AutoCloseable {
  private static final int MAX_RECORD = 5 + (1 << 14) + 2048;

  private final ServerSocket server;
  private final List<byte[]> records = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private ClientHelloCapture(ServerSocket server) {
    this.server = server;
    this.acceptor = new Thread(this::acceptLoop, "client-hello-capture");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Listens on a free loopback port. */
  public static ClientHelloCapture start() throws IOException {
    return new ClientHelloCapture(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The first records read so far, one per connection, in arrival order. */
  public List<byte[]> records() {
    return List.copyOf(records);
  }

  /** The records parsed as ClientHellos. */
  public List<ClientHello> hellos() {
    return records().stream().map(ClientHello::parse).toList();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(10_000);
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] header = new byte[5];
        in.readFully(header);
        int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        if (5 + length > MAX_RECORD) {
          continue;
        }
        byte[] record = new byte[5 + length];
        System.arraycopy(header, 0, record, 0, 5);
        in.readFully(record, 5, length);
        records.add(record);
      } catch (IOException e) {
        // a client that hung up early or a closed server: nothing to keep
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
