package com.fittrack.garminauth.garmin.http;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the OkHttp clients every Garmin call goes out on, and is the one place that decides how
 * the client looks to Garmin: the TLS stack ({@link GarminTls}; Conscrypt gives the Android app's
 * ClientHello), the egress proxy (one for everything, optionally another for sign-in), and the
 * app's native headers on token and API calls. HTTP/2 and its settings stay OkHttp's, which are the
 * app's already.
 *
 * <pre>{@code
 * GarminHttpClients clients = GarminHttpClients.builder()
 *     .tls(GarminTls.AUTO)
 *     .proxy(EgressProxy.parse("http://user:pass@proxy.internal:3128"))
 *     .build();
 * OkHttpClient api = clients.tokensAndApi();
 * }</pre>
 */
public final class GarminHttpClients {
  private static final Logger log = LoggerFactory.getLogger(GarminHttpClients.class);
  private static final AtomicBoolean WARNED_FALLBACK = new AtomicBoolean();

  private final GarminTls identity;
  private final OkHttpClient signIn;
  private final OkHttpClient tokensAndApi;

  private GarminHttpClients(Builder b) {
    this.identity =
        resolve(
            b.tls, ConscryptTls.isAvailable(), ConscryptTls.unavailableReason(), WARNED_FALLBACK);
    // Without a base, a fresh builder: a default OkHttpClient would set up the JDK's TLS (trust
    // store read, SSL context made) only for that to be replaced here, about a tenth of a start.
    OkHttpClient.Builder common =
        b.base.map(OkHttpClient::newBuilder).orElseGet(OkHttpClient.Builder::new);
    if (identity == GarminTls.CONSCRYPT) {
      X509TrustManager trust = b.trust != null ? b.trust : jdkTrust();
      common.sslSocketFactory(ConscryptTls.socketFactory(trust), trust);
    } else if (b.trust != null) {
      common.sslSocketFactory(JdkTls.socketFactory(b.trust), b.trust);
    }
    OkHttpClient shared = common.build();
    this.tokensAndApi = via(shared, b.proxy).addInterceptor(new AppHeaders()).build();
    this.signIn = via(shared, b.signInProxy.or(() -> b.proxy)).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The TLS stack in use: {@link GarminTls#CONSCRYPT} or {@link GarminTls#JDK}, never AUTO. */
  public GarminTls identity() {
    return identity;
  }

  /** For the SSO sign-in flows: the strategies set their own browser or app headers. */
  public OkHttpClient signIn() {
    return signIn;
  }

  /** For DI and OAuth1 token calls and Connect API calls: with the app's native headers. */
  public OkHttpClient tokensAndApi() {
    return tokensAndApi;
  }

  /**
   * The stack to use for {@code wanted}, given whether Conscrypt loads here; {@code warned} makes
   * the fallback warning once per process rather than once per client.
   */
  static GarminTls resolve(
      GarminTls wanted, boolean conscryptLoads, String whyNot, AtomicBoolean warned) {
    return switch (wanted) {
      case JDK -> GarminTls.JDK;
      case CONSCRYPT -> {
        if (!conscryptLoads) {
          throw new IllegalStateException(
              "TLS identity 'conscrypt' was asked for, but Conscrypt is not available: " + whyNot);
        }
        yield GarminTls.CONSCRYPT;
      }
      case AUTO -> {
        if (conscryptLoads) {
          yield GarminTls.CONSCRYPT;
        }
        if (warned.compareAndSet(false, true)) {
          log.warn(
              "Conscrypt is not available ({}): Garmin calls use the JDK's TLS, whose handshake"
                  + " does not look like the Garmin Connect app's; Garmin's front may answer"
                  + " sign-ins and refreshes with captchas or blocks more often",
              whyNot);
        }
        yield GarminTls.JDK;
      }
    };
  }

  private static OkHttpClient.Builder via(OkHttpClient shared, Optional<EgressProxy> proxy) {
    OkHttpClient.Builder b = shared.newBuilder();
    if (proxy.isEmpty()) {
      return b;
    }
    EgressProxy p = proxy.get();
    if (p.kind() == EgressProxy.Kind.SOCKS5) {
      return b.proxy(Proxy.NO_PROXY)
          .socketFactory(new Socks5Socket.Factory(p))
          .dns(new Socks5Socket.ProxyResolves());
    }
    b.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.host(), p.port())));
    if (p.hasCredentials()) {
      String authorization =
          Credentials.basic(p.username().orElseThrow(), p.password().orElseThrow().reveal());
      b.proxyAuthenticator(
          (route, response) -> {
            Request asked = response.request();
            if (asked.header("Proxy-Authorization") != null) {
              return null; // these credentials were refused already: give up
            }
            return asked.newBuilder().header("Proxy-Authorization", authorization).build();
          });
    }
    return b;
  }

  private static X509TrustManager jdkTrust() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      return Arrays.stream(factory.getTrustManagers())
          .filter(X509TrustManager.class::isInstance)
          .map(X509TrustManager.class::cast)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("the JDK has no X509 trust manager"));
    } catch (NoSuchAlgorithmException | KeyStoreException e) {
      throw new IllegalStateException("the JDK's trusted certificates cannot be read", e);
    }
  }

  /** Configures {@link GarminHttpClients}; the defaults are Garmin's production needs. */
  public static final class Builder {
    private Optional<OkHttpClient> base = Optional.empty();
    private GarminTls tls = GarminTls.AUTO;
    private Optional<EgressProxy> proxy = Optional.empty();
    private Optional<EgressProxy> signInProxy = Optional.empty();
    private X509TrustManager trust;

    private Builder() {}

    /** A client to share the connection pool and dispatcher of; its other settings are kept. */
    public Builder base(OkHttpClient base) {
      this.base = Optional.of(Objects.requireNonNull(base, "base"));
      return this;
    }

    public Builder tls(GarminTls tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /** The proxy every Garmin call leaves through (sign-in too, unless it has its own). */
    public Builder proxy(EgressProxy proxy) {
      this.proxy = Optional.of(Objects.requireNonNull(proxy, "proxy"));
      return this;
    }

    /** A separate proxy for sign-in calls only, so logins can leave from another address. */
    public Builder signInProxy(EgressProxy proxy) {
      this.signInProxy = Optional.of(Objects.requireNonNull(proxy, "proxy"));
      return this;
    }

    /** Which server certificates to trust; the JDK's trusted CAs by default. */
    public Builder trustManager(X509TrustManager trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /** Throws {@link IllegalStateException} when {@code conscrypt} was asked for and fails. */
    public GarminHttpClients build() {
      return new GarminHttpClients(this);
    }
  }

  /** The JDK's TLS with a caller's trust (JSSE's default context otherwise). */
  private static final class JdkTls {
    static javax.net.ssl.SSLSocketFactory socketFactory(X509TrustManager trust) {
      try {
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        return context.getSocketFactory();
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException("the JDK's TLS context cannot be created", e);
      }
    }
  }
}
