package com.fittrack.garminauth.garmin.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.Provider;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.conscrypt.Conscrypt;

/**
 * Conscrypt (BoringSSL) as a provider instance private to the Garmin client: it is never installed
 * with {@link java.security.Security#insertProviderAt}, so the rest of the JVM keeps its own TLS.
 * The native library loads once per JVM; where it cannot (no build for the platform, a {@code
 * noexec} temp directory), {@link #unavailableReason()} says why.
 */
final class ConscryptTls {
  private ConscryptTls() {}

  /** Loaded once: loading extracts and links the native library, which is process-wide anyway. */
  private static final class Loaded {
    static final Optional<Provider> PROVIDER;
    static final String REASON;

    static {
      Provider provider = null;
      String reason = "";
      try {
        if (Conscrypt.isAvailable()) {
          provider = Conscrypt.newProvider();
        } else {
          reason = "its native library does not load on " + platform();
        }
      } catch (LinkageError | RuntimeException e) {
        // LinkageError: the jar left out of the class path, or the library unusable here
        reason = "it cannot be loaded on " + platform() + " (" + e.getClass().getSimpleName() + ")";
      }
      PROVIDER = Optional.ofNullable(provider);
      REASON = reason;
    }
  }

  static boolean isAvailable() {
    return Loaded.PROVIDER.isPresent();
  }

  static String unavailableReason() {
    return Loaded.REASON;
  }

  /** A socket factory on a fresh Conscrypt context trusting what {@code trust} trusts. */
  static SSLSocketFactory socketFactory(X509TrustManager trust) {
    Provider provider =
        Loaded.PROVIDER.orElseThrow(
            () -> new IllegalStateException("Conscrypt is not available: " + Loaded.REASON));
    try {
      SSLContext context = SSLContext.getInstance("TLS", provider);
      context.init(null, new TrustManager[] {trust}, null);
      SSLSocketFactory factory = context.getSocketFactory();
      // as OkHttp's own Conscrypt platform does, but for this factory only
      Conscrypt.setUseEngineSocket(factory, true);
      return new SessionTickets(factory);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("Conscrypt's TLS context cannot be created", e);
    }
  }

  static String platform() {
    return System.getProperty("os.name", "?").toLowerCase(Locale.ROOT)
        + "-"
        + System.getProperty("os.arch", "?");
  }

  /**
   * Offers session tickets on every socket, as OkHttp on Android and OkHttp's Conscrypt platform
   * do: without them BoringSSL leaves out the session_ticket extension and the ClientHello is no
   * longer the app's. OkHttp's JDK platform, which drives these sockets, does not know to ask.
   */
  private static final class SessionTickets extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    SessionTickets(SSLSocketFactory delegate) {
      this.delegate = delegate;
    }

    private static Socket tickets(Socket socket) {
      if (socket instanceof SSLSocket ssl && Conscrypt.isConscrypt(ssl)) {
        Conscrypt.setUseSessionTickets(ssl, true);
      }
      return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      return tickets(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket() throws IOException {
      return tickets(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return tickets(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return tickets(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return tickets(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int lp)
        throws IOException {
      return tickets(delegate.createSocket(address, port, localAddress, lp));
    }
  }
}
