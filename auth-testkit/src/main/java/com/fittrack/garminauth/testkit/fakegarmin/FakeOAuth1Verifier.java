package com.fittrack.garminauth.testkit.fakegarmin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;

/**
 * Checks OAuth 1.0a HMAC-SHA1 signatures the way a server does (RFC 5849, 3.2), written apart from
 * the client's signer so that the two check each other.
 */
final class FakeOAuth1Verifier {
  private FakeOAuth1Verifier() {}

  /** The oauth_* parameters of an {@code Authorization: OAuth ...} header. */
  static Map<String, String> parseHeader(String header) {
    Map<String, String> out = new LinkedHashMap<>();
    if (header == null || !header.startsWith("OAuth ")) {
      return out;
    }
    for (String part : header.substring(6).split(",")) {
      String p = part.trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.endsWith("\"") && p.charAt(eq + 1) == '"') {
        out.put(
            URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(
                p.substring(eq + 2, p.length() - 1).replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /**
   * The oauth_* parameters of a request: from the {@code Authorization} header, else from the query
   * string, as RFC 5849 (3.5) allows and Garmin accepts.
   */
  static Map<String, String> params(Incoming r) {
    Map<String, String> header = parseHeader(r.header("Authorization").orElse(null));
    if (!header.isEmpty()) {
      return header;
    }
    Map<String, String> query = new LinkedHashMap<>();
    HttpUrl url = r.url();
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      String value = url.queryParameterValue(i);
      if (name.startsWith("oauth_") && value != null) {
        query.put(name, value);
      }
    }
    return query;
  }

  /**
   * Whether {@code oauth} signs the request with the consumer secret and, when given, the token
   * secret. {@code form} holds the decoded form parameters of the body.
   */
  static boolean verify(
      String method,
      HttpUrl url,
      Map<String, String> form,
      Map<String, String> oauth,
      String consumerSecret,
      Optional<String> tokenSecret) {
    String signature = oauth.get("oauth_signature");
    if (signature == null || !"HMAC-SHA1".equals(oauth.get("oauth_signature_method"))) {
      return false;
    }
    List<String[]> pairs = new ArrayList<>();
    oauth.forEach(
        (k, v) -> {
          if (!k.equals("oauth_signature") && !k.equals("realm")) {
            pairs.add(new String[] {pct(k), pct(v)});
          }
        });
    for (int i = 0; i < url.querySize(); i++) {
      String v = url.queryParameterValue(i);
      if (oauth.containsKey(url.queryParameterName(i))) {
        continue; // the parameters came in the query: counted once, above
      }
      pairs.add(new String[] {pct(url.queryParameterName(i)), pct(v == null ? "" : v)});
    }
    form.forEach((k, v) -> pairs.add(new String[] {pct(k), pct(v)}));
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder normalized = new StringBuilder();
    for (String[] p : pairs) {
      normalized.append(normalized.length() == 0 ? "" : "&").append(p[0]).append('=').append(p[1]);
    }
    String base =
        method
            + "&"
            + pct(url.scheme() + "://" + url.host() + port(url) + url.encodedPath())
            + "&"
            + pct(normalized.toString());
    String key = pct(consumerSecret) + "&" + tokenSecret.map(FakeOAuth1Verifier::pct).orElse("");
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] expected = mac.doFinal(base.getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String port(HttpUrl url) {
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port();
  }

  private static String pct(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      boolean unreserved = Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0;
      b.append(unreserved ? String.valueOf((char) c) : String.format("%%%02X", c));
    }
    return b.toString();
  }
}
