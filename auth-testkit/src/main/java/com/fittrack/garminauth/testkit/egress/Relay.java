package com.fittrack.garminauth.testkit.egress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Locale;

/** Copies bytes both ways between two sockets until either side closes. */
final class Relay {
  private Relay() {}

  static void pipe(Socket a, Socket b) {
    daemon("relay", () -> copy(a, b)).start();
    copy(b, a);
  }

  private static void copy(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) != -1; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed: close both below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /** Resolves a destination; the reserved {@code .test} names are this machine's loopback. */
  static InetAddress resolve(String host) throws IOException {
    if (host.toLowerCase(Locale.ROOT).endsWith(".test")) {
      return InetAddress.getLoopbackAddress();
    }
    return InetAddress.getByName(host);
  }

  static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }

  static Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
