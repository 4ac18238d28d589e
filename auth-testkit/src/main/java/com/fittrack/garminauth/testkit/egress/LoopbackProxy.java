package com.fittrack.garminauth.testkit.egress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What the loopback test proxies share: the listening socket, one thread per client, counters. */
public abstract class LoopbackProxy implements AutoCloseable {
  private final ServerSocket server;
  private final Optional<String> credentials;
  private final AtomicInteger tunnels = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final List<String> targets = new CopyOnWriteArrayList<>();

  LoopbackProxy(Optional<String> credentials, String name) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.credentials = credentials;
    Relay.daemon(name + "-accept", () -> acceptLoop(name)).start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Tunnels opened to a destination. */
  public int tunnels() {
    return tunnels.get();
  }

  /** Attempts refused for missing or wrong credentials. */
  public int refused() {
    return refused.get();
  }

  /** {@code host:port} of every tunnel as the client asked for it (names unresolved), in order. */
  public List<String> targets() {
    return List.copyOf(targets);
  }

  /** {@code user:password} a client must present; empty: none asked. */
  Optional<String> credentials() {
    return credentials;
  }

  void countRefusal() {
    refused.incrementAndGet();
  }

  /** Connects to the destination a client asked for, counting the tunnel. */
  Socket open(String host, int port) throws IOException {
    Socket upstream = new Socket(Relay.resolve(host), port);
    targets.add(host + ":" + port);
    tunnels.incrementAndGet();
    return upstream;
  }

  /** Speaks the proxy protocol with one client, then relays; closes the client on failure. */
  abstract void serve(Socket client) throws IOException;

  private void acceptLoop(String name) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Relay.daemon(
                name + "-conn",
                () -> {
                  try {
                    serve(client);
                  } catch (IOException | RuntimeException e) {
                    Relay.closeQuietly(client);
                  }
                })
            .start();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
