package com.fittrack.garminauth.garmin.token;

import com.fittrack.garminauth.core.domain.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;

/**
 * OAuth 1.0a request signing with HMAC-SHA1 (RFC 5849, section 3), as Garmin's legacy token service
 * expects: consumer only for {@code preauthorized}, consumer plus token for the exchange.
 *
 * <pre>{@code
 * String header = signer.authorization("POST", url, formParams, Optional.of(token));
 * }</pre>
 */
public final class OAuth1Signer {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A name/value pair, decoded (as in the form or query, before percent-encoding). */
  public record Param(String name, String value) {
    @Override
    public String toString() {
      return "Param[" + name + "]"; // values include tokens
    }
  }

  /** An OAuth1 token and its secret. */
  public record Token(String token, Secret secret) {
    @Override
    public String toString() {
      return "Token[redacted]";
    }
  }

  private final String consumerKey;
  private final Secret consumerSecret;
  private final Clock clock;

  public OAuth1Signer(String consumerKey, Secret consumerSecret, Clock clock) {
    this.consumerKey = consumerKey;
    this.consumerSecret = consumerSecret;
    this.clock = clock;
  }

  /** The {@code Authorization} header for a request, with a fresh nonce and timestamp. */
  public String authorization(String method, HttpUrl url, List<Param> form, Optional<Token> token) {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    String n =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(nonce)
            .replace("-", "a")
            .replace("_", "b");
    return authorization(method, url, form, token, clock.instant().getEpochSecond(), n);
  }

  /** The header for a given timestamp and nonce (RFC examples fix both). */
  public String authorization(
      String method,
      HttpUrl url,
      List<Param> form,
      Optional<Token> token,
      long timestamp,
      String nonce) {
    List<Param> oauth = new ArrayList<>();
    oauth.add(new Param("oauth_consumer_key", consumerKey));
    oauth.add(new Param("oauth_nonce", nonce));
    oauth.add(new Param("oauth_signature_method", "HMAC-SHA1"));
    oauth.add(new Param("oauth_timestamp", Long.toString(timestamp)));
    token.ifPresent(t -> oauth.add(new Param("oauth_token", t.token())));
    oauth.add(new Param("oauth_version", "1.0"));
    List<Param> all = new ArrayList<>(oauth);
    all.addAll(queryParams(url));
    all.addAll(form);
    String base = baseString(method, url, all);
    String signature = sign(base, consumerSecret, token.map(Token::secret));
    oauth.add(new Param("oauth_signature", signature));
    StringBuilder header = new StringBuilder("OAuth ");
    for (int i = 0; i < oauth.size(); i++) {
      Param p = oauth.get(i);
      header
          .append(i == 0 ? "" : ", ")
          .append(encode(p.name()))
          .append("=\"")
          .append(encode(p.value()))
          .append('"');
    }
    return header.toString();
  }

  /** The signature base string (RFC 5849, 3.4.1). {@code params} are decoded pairs. */
  public static String baseString(String method, HttpUrl url, List<Param> params) {
    List<String[]> encoded = new ArrayList<>();
    for (Param p : params) {
      encoded.add(new String[] {encode(p.name()), encode(p.value())});
    }
    encoded.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
    StringBuilder normalized = new StringBuilder();
    for (String[] p : encoded) {
      normalized.append(normalized.length() == 0 ? "" : "&").append(p[0]).append('=').append(p[1]);
    }
    return method.toUpperCase(Locale.ROOT)
        + "&"
        + encode(baseUri(url))
        + "&"
        + encode(normalized.toString());
  }

  /** HMAC-SHA1 of the base string with key {@code consumerSecret&tokenSecret}, base64. */
  public static String sign(
      String baseString, Secret consumerSecret, Optional<Secret> tokenSecret) {
    String key =
        encode(consumerSecret.reveal()) + "&" + tokenSecret.map(s -> encode(s.reveal())).orElse("");
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
    }
  }

  /** RFC 3986 percent-encoding of everything but the unreserved characters (RFC 5849, 3.6). */
  public static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String baseUri(HttpUrl url) {
    String scheme = url.scheme().toLowerCase(Locale.ROOT);
    boolean defaultPort = url.port() == HttpUrl.defaultPort(scheme);
    return scheme
        + "://"
        + url.host().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + url.port())
        + url.encodedPath();
  }

  private static List<Param> queryParams(HttpUrl url) {
    List<Param> out = new ArrayList<>();
    for (int i = 0; i < url.querySize(); i++) {
      String v = url.queryParameterValue(i);
      out.add(new Param(url.queryParameterName(i), v == null ? "" : v));
    }
    return out;
  }

  /** Form pairs of a map, for callers that build bodies from maps. */
  static List<Param> params(Map<String, String> map) {
    List<Param> out = new ArrayList<>();
    map.forEach((k, v) -> out.add(new Param(k, v)));
    return out;
  }
}
