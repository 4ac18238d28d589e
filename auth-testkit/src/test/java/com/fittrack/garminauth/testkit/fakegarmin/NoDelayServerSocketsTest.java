package com.fittrack.garminauth.testkit.fakegarmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class NoDelayServerSocketsTest {

  @Test
  void acceptedConnectionsHaveNaglesAlgorithmOff() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket server = new NoDelayServerSockets().createServerSocket(0, 1, loopback);
        Socket client = new Socket(loopback, server.getLocalPort());
        Socket accepted = server.accept()) {
      assertThat(client.getTcpNoDelay()).as("the client side is left as it was").isFalse();
      assertThat(accepted.getTcpNoDelay()).isTrue();
    }
  }
}
