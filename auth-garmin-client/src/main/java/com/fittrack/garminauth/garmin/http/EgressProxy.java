package com.fittrack.garminauth.garmin.http;

import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A proxy that Garmin calls leave through: {@code http://[user:pass@]host:port} (HTTPS tunnelled
 * with CONNECT) or {@code socks5://[user:pass@]host:port} (host names resolved by the proxy). The
 * credentials are secrets: {@link #toString()} and every error say {@code ***} in their place.
 *
 * <pre>{@code
 * EgressProxy proxy = EgressProxy.parse("socks5://user:pass@10.0.0.5:1080");
 * }</pre>
 */
public record EgressProxy(
    Kind kind, String host, int port, Optional<String> username, Optional<Secret> password) {

  /** How the proxy is spoken to. */
  public enum Kind {
    /** An HTTP proxy; HTTPS goes through a CONNECT tunnel, so TLS stays end to end. */
    HTTP,
    /** A SOCKS5 proxy (RFC 1928), with user/password authentication (RFC 1929) when given. */
    SOCKS5
  }

  private static final String SHAPE =
      "must be http://[user:pass@]host:port or socks5://[user:pass@]host:port";

  public EgressProxy {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (host == null || host.isBlank() || port < 1 || port > 65_535) {
      throw new ValidationException("proxy", SHAPE);
    }
    if (username.isPresent() != password.isPresent()) {
      throw new ValidationException("proxy", "needs both a user and a password, or neither");
    }
    // RFC 1929 carries each in one length byte; an HTTP proxy has no such limit but no reason
    // to accept more either.
    if (username.map(u -> u.isEmpty() || bytes(u) > 255).orElse(false)
        || password.map(p -> bytes(p.reveal()) > 255).orElse(false)) {
      throw new ValidationException("proxy", "user and password must be 1-255 bytes each");
    }
  }

  /** Parses a proxy URL; the error never repeats the URL, which may hold a password. */
  public static EgressProxy parse(String url) {
    if (url == null || url.isBlank()) {
      throw new ValidationException("proxy", SHAPE);
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new ValidationException("proxy", SHAPE);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    Kind kind =
        switch (scheme) {
          case "http" -> Kind.HTTP;
          case "socks5", "socks5h" -> Kind.SOCKS5;
          default -> throw new ValidationException("proxy", SHAPE);
        };
    boolean hasPath = uri.getRawPath() != null && !uri.getRawPath().isEmpty();
    if (uri.getHost() == null
        || uri.getPort() == -1
        || (hasPath && !uri.getRawPath().equals("/"))
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new ValidationException("proxy", SHAPE);
    }
    Optional<String> user = Optional.empty();
    Optional<Secret> pass = Optional.empty();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      if (colon <= 0 || colon == userInfo.length() - 1) {
        throw new ValidationException("proxy", "credentials must be user:password");
      }
      user = Optional.of(decode(userInfo.substring(0, colon)));
      pass = Optional.of(Secret.of(decode(userInfo.substring(colon + 1))));
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new EgressProxy(kind, host, uri.getPort(), user, pass);
  }

  /** Whether the proxy asks for credentials. */
  public boolean hasCredentials() {
    return username.isPresent();
  }

  /** The URL with the credentials replaced: safe for logs and errors. */
  public String redacted() {
    String scheme = kind == Kind.HTTP ? "http" : "socks5";
    String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return scheme + "://" + (hasCredentials() ? "***@" : "") + shownHost + ":" + port;
  }

  @Override
  public String toString() {
    return redacted();
  }

  private static String decode(String part) {
    try {
      return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("proxy", "credentials are not properly percent-encoded");
    }
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
