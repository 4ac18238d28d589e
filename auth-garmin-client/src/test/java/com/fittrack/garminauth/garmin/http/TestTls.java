package com.fittrack.garminauth.garmin.http;

import java.io.InputStream;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A self-signed certificate for {@code sso.garmin.test} (test resource, generated once with
 * keytool; never trusted outside tests): a TLS server for fakes and the trust a client needs for
 * it.
 */
final class TestTls {
  private static final char[] PASSWORD = "test-only".toCharArray();

  private TestTls() {}

  static SSLSocketFactory serverSockets() throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore(), PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context.getSocketFactory();
  }

  static X509TrustManager trust() throws Exception {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(keyStore());
    return (X509TrustManager)
        Arrays.stream(factory.getTrustManagers())
            .filter(X509TrustManager.class::isInstance)
            .findFirst()
            .orElseThrow();
  }

  private static KeyStore keyStore() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = TestTls.class.getResourceAsStream("/tls/fake-garmin.p12")) {
      store.load(in, PASSWORD);
    }
    return store;
  }
}
