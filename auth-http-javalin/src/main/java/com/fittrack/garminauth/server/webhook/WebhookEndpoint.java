package com.fittrack.garminauth.server.webhook;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where webhooks go: an id (stable: deliveries are tracked per id), the URL, the signing secret.
 *
 * <p>{@code GARMIN_AUTH_WEBHOOKS} lists them as {@code <id>=<url> <whsec_secret>}, separated by
 * {@code ;}, e.g. {@code fittrack=https://fittrack.example/hooks/garmin whsec_MfKQ9r8...}.
 */
public record WebhookEndpoint(String id, URI url, WebhookSecret secret) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  public WebhookEndpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
  }

  /**
   * Parses the variable's value. URLs must be https; plain http only to a loopback host and only
   * when {@code allowLoopbackHttp}. Messages name the endpoint, never the secret.
   */
  public static List<WebhookEndpoint> parseAll(String spec, boolean allowLoopbackHttp) {
    List<WebhookEndpoint> endpoints = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int n = 0;
    for (String entry : spec.split(";")) {
      n++;
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      String[] rest = eq < 0 ? new String[0] : trimmed.substring(eq + 1).strip().split("\\s+");
      if (eq < 1 || rest.length != 2) {
        throw new IllegalArgumentException("entry " + n + " must be <id>=<url> <whsec_secret>");
      }
      String id = trimmed.substring(0, eq).strip();
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            "entry "
                + n
                + ": the id must be 1-64 of a-z 0-9 _ - (starting with a letter or digit)");
      }
      if (!ids.add(id)) {
        throw new IllegalArgumentException("endpoint " + id + " is listed twice");
      }
      URI url = url(id, rest[0], allowLoopbackHttp);
      WebhookSecret secret;
      try {
        secret = WebhookSecret.parse(rest[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("endpoint " + id + ": " + e.getMessage());
      }
      endpoints.add(new WebhookEndpoint(id, url, secret));
    }
    return List.copyOf(endpoints);
  }

  private static URI url(String id, String raw, boolean allowLoopbackHttp) {
    URI url;
    try {
      url = new URI(raw);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("endpoint " + id + ": the URL is malformed");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (url.getHost() == null || url.getUserInfo() != null || url.getFragment() != null) {
      throw new IllegalArgumentException(
          "endpoint " + id + ": the URL needs a host and no user info or fragment");
    }
    if (scheme.equals("https")) {
      return url;
    }
    if (scheme.equals("http") && isLoopback(url.getHost())) {
      if (allowLoopbackHttp) {
        return url;
      }
      throw new IllegalArgumentException(
          "endpoint "
              + id
              + ": plain http is allowed only to loopback and only with"
              + " GARMIN_AUTH_WEBHOOKS_ALLOW_LOOPBACK_HTTP=true");
    }
    throw new IllegalArgumentException("endpoint " + id + ": the URL must be https");
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.startsWith("127.");
  }
}
