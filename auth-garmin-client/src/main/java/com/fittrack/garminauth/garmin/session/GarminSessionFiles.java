package com.fittrack.garminauth.garmin.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.LegacyOAuthCredentials;
import com.fittrack.garminauth.core.domain.OAuth1Token;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the session files users already have (GARMIN-PROTOCOL.md 4 and 7) into credentials:
 *
 * <ul>
 *   <li>{@code garth}: the {@code dumps()} string (base64 of {@code [oauth1, oauth2]}), or the
 *       {@code oauth1_token.json} + {@code oauth2_token.json} pair given as {@code {"oauth1_token":
 *       {...}, "oauth2_token": {...}}}; gives legacy OAuth1 credentials. garth-ng's DI sessions:
 *       base64 of a one-element array {@code [oauth2 + client_id]}, or its {@code
 *       oauth2_token.json} alone (bare, or as {@code {"oauth2_token": {...}}}); gives DI OAuth2
 *       credentials.
 *   <li>{@code garminconnect}: python-garminconnect's {@code {"di_token", "di_refresh_token",
 *       "di_client_id"}}; gives DI OAuth2 credentials expiring at the JWT's {@code exp}. A null
 *       {@code di_refresh_token} gives a session that serves its token until it expires.
 * </ul>
 *
 * <p>Numbers are read strictly (no strings, fractions or overflow) and no JSON object may repeat a
 * key. {@link #parse(Optional, String, Instant, String)} also judges expiries against the current
 * time and the server's Garmin domain (a DI session's domain is its JWT issuer's). Malformed input
 * is a {@link ValidationException} naming the field; no message quotes the input.
 *
 * <pre>{@code
 * GarminCredentials credentials =
 *     GarminSessionFiles.parse(Optional.empty(), fileText, clock.instant(), "garmin.com");
 * }</pre>
 */
public final class GarminSessionFiles {
  /** The largest session text accepted (real ones are a few kilobytes). */
  public static final int MAX_DATA_CHARS = 64 * 1024;

  private final Optional<ImportTimes> times;
  private final Optional<String> serverDomain;

  private GarminSessionFiles(Optional<ImportTimes> times, Optional<String> serverDomain) {
    this.times = times;
    this.serverDomain = serverDomain;
  }

  /** Reads the shape only: no judgement of expiries against the time, nor of the domain. */
  public static GarminCredentials parse(Optional<String> format, String data) {
    return new GarminSessionFiles(Optional.empty(), Optional.empty()).read(format, data);
  }

  /**
   * Reads a session for a server on {@code serverDomain} at {@code now}: expiries must be ones
   * Garmin could have issued (not past where a past one cannot be renewed, not beyond the longest
   * lifetime Garmin issues), and the session must belong to {@code serverDomain}.
   */
  public static GarminCredentials parse(
      Optional<String> format, String data, Instant now, String serverDomain) {
    return new GarminSessionFiles(Optional.of(new ImportTimes(now)), Optional.of(serverDomain))
        .read(format, data);
  }

  private GarminCredentials read(Optional<String> format, String data) {
    if (data == null || data.isBlank()) {
      throw new ValidationException("data", "is required");
    }
    if (data.length() > MAX_DATA_CHARS) {
      throw new ValidationException("data", "is longer than " + MAX_DATA_CHARS + " characters");
    }
    String text = data.strip();
    String kind = format.map(f -> f.strip().toLowerCase(Locale.ROOT)).orElseGet(() -> detect(text));
    switch (kind) {
      case "garth":
        return text.startsWith("{") ? garthObject(json(text)) : garthDumps(text);
      case "garminconnect":
        return garminConnect(json(text));
      default:
        throw new ValidationException("format", "must be garth or garminconnect");
    }
  }

  private static String detect(String text) {
    if (!text.startsWith("{")) {
      return "garth";
    }
    JsonNode root = json(text);
    if (root.has("oauth1_token") || root.has("oauth2_token") || root.has("access_token")) {
      return "garth";
    }
    if (root.has("di_token")) {
      return "garminconnect";
    }
    throw new ValidationException("data", "is neither a garth nor a python-garminconnect session");
  }

  private GarminCredentials garthDumps(String text) {
    byte[] decoded;
    try {
      decoded = Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("data", "is not base64 of a garth session");
    }
    JsonNode array = SessionJson.tree(new String(decoded, StandardCharsets.UTF_8), "data");
    if (array.isArray() && array.size() == 2) {
      return legacy(array.get(0), array.get(1));
    }
    if (array.isArray() && array.size() == 1) {
      return garthNg(array.get(0), "oauth2_token");
    }
    throw new ValidationException(
        "data", "must hold a JSON array of [oauth1, oauth2] (garth) or [oauth2] (garth-ng)");
  }

  private GarminCredentials garthObject(JsonNode root) {
    if (root.has("oauth1_token")) {
      return legacy(root.get("oauth1_token"), root.get("oauth2_token"));
    }
    if (root.has("oauth2_token")) {
      return garthNg(root.get("oauth2_token"), "oauth2_token");
    }
    return garthNg(root, "oauth2_token");
  }

  private LegacyOAuthCredentials legacy(JsonNode oauth1Node, JsonNode oauth2Node) {
    SessionFields o1 = new SessionFields(oauth1Node, "oauth1_token");
    SessionFields o2 = new SessionFields(oauth2Node, "oauth2_token");
    String domain = o1.optionalText("domain").orElse("garmin.com").toLowerCase(Locale.ROOT);
    if (!domain.equals("garmin.com") && !domain.equals("garmin.cn")) {
      throw o1.invalid("domain", "must be garmin.com or garmin.cn");
    }
    requireServerDomain("oauth1_token.domain", domain);
    Optional<Instant> mfaExpiry = o1.optionalDateTime("mfa_expiration_timestamp");
    OAuth1Token oauth1 =
        new OAuth1Token(
            o1.secret("oauth_token"),
            o1.secret("oauth_token_secret"),
            o1.optionalSecret("mfa_token"),
            mfaExpiry,
            domain);
    Secret access = o2.secret("access_token");
    Optional<SessionJwt> jwt = SessionJwt.read(access.reveal(), "oauth2_token.access_token");
    String expiryField =
        o2.optionalEpochSeconds("expires_at").isPresent()
            ? "oauth2_token.expires_at"
            : "oauth2_token.access_token.exp";
    Instant expiresAt =
        o2.optionalEpochSeconds("expires_at")
            .or(() -> jwt.flatMap(SessionJwt::expiry))
            .orElseThrow(() -> o2.invalid("expires_at", "is required"));
    Optional<Instant> refreshExpiry = o2.optionalEpochSeconds("refresh_token_expires_at");
    times.ifPresent(
        t -> {
          // the OAuth1 token renews an expired access token: a past expiry is fine here
          t.requirePlausible(expiryField, expiresAt);
          refreshExpiry.ifPresent(
              r ->
                  t.requireNotBeyond(
                      "oauth2_token.refresh_token_expires_at", r, ImportTimes.MAX_TOKEN_LIFETIME));
          mfaExpiry.ifPresent(
              m ->
                  t.requireNotBeyond(
                      "oauth1_token.mfa_expiration_timestamp", m, ImportTimes.MAX_OAUTH1_LIFETIME));
        });
    return new LegacyOAuthCredentials(
        oauth1, access, o2.optionalSecret("refresh_token"), expiresAt, refreshExpiry);
  }

  /** garth-ng: one OAuth2 object from the DI exchange, with the client id it was issued to. */
  private DiOAuth2Credentials garthNg(JsonNode node, String prefix) {
    SessionFields o2 = new SessionFields(node, prefix);
    Secret access = o2.secret("access_token");
    String tokenField = prefix + ".access_token";
    SessionJwt jwt =
        SessionJwt.read(access.reveal(), tokenField)
            .orElseThrow(() -> o2.invalid("access_token", "must be a JWT"));
    String clientId =
        o2.optionalText("client_id")
            .or(jwt::clientId)
            .orElseThrow(() -> o2.invalid("client_id", "is required"));
    requireClientId(prefix + ".client_id", clientId);
    String expiryField =
        o2.optionalEpochSeconds("expires_at").isPresent()
            ? prefix + ".expires_at"
            : tokenField + ".exp";
    Instant expiresAt =
        o2.optionalEpochSeconds("expires_at")
            .or(jwt::expiry)
            .orElseThrow(() -> o2.invalid("expires_at", "is required"));
    Optional<Instant> refreshExpiry = o2.optionalEpochSeconds("refresh_token_expires_at");
    requireServerDomain(tokenField + ".iss", jwt.domain().orElse(null));
    Optional<Secret> refresh = o2.optionalSecret("refresh_token");
    return di(access, refresh, clientId, expiresAt, refreshExpiry, expiryField, prefix);
  }

  private DiOAuth2Credentials garminConnect(JsonNode root) {
    SessionFields f = new SessionFields(root, "");
    Secret token = f.secret("di_token");
    SessionJwt jwt =
        SessionJwt.read(token.reveal(), "di_token")
            .orElseThrow(() -> f.invalid("di_token", "must be a JWT with an exp claim"));
    Instant expiresAt =
        jwt.expiry().orElseThrow(() -> f.invalid("di_token", "must be a JWT with an exp claim"));
    String clientId =
        f.optionalText("di_client_id")
            .or(jwt::clientId)
            .orElseThrow(() -> f.invalid("di_client_id", "is required"));
    requireClientId("di_client_id", clientId);
    requireServerDomain("di_token.iss", jwt.domain().orElse(null));
    if (!root.has("di_refresh_token")) {
      // python-garminconnect always writes the key; null is its "no refresh token"
      throw f.invalid("di_refresh_token", "is required (null when there is none)");
    }
    return di(
        token,
        f.optionalSecret("di_refresh_token"),
        clientId,
        expiresAt,
        Optional.empty(),
        "di_token.exp",
        "");
  }

  private DiOAuth2Credentials di(
      Secret access,
      Optional<Secret> refresh,
      String clientId,
      Instant expiresAt,
      Optional<Instant> refreshExpiry,
      String expiryField,
      String prefix) {
    times.ifPresent(
        t -> {
          // a DI session's access token must work now: without a refresh token nothing renews
          // it, and an expired one with a refresh token is not what an exporter hands over
          t.requireCurrent(expiryField, expiresAt);
          refreshExpiry.ifPresent(
              r ->
                  t.requireNotBeyond(
                      (prefix.isEmpty() ? "" : prefix + ".") + "refresh_token_expires_at",
                      r,
                      ImportTimes.MAX_TOKEN_LIFETIME));
        });
    if (refresh.isEmpty()) {
      return DiOAuth2Credentials.unrefreshable(access, clientId, expiresAt);
    }
    return new DiOAuth2Credentials(access, refresh.get(), clientId, expiresAt, refreshExpiry);
  }

  private static void requireClientId(String field, String clientId) {
    if (!clientId.matches("[A-Za-z0-9_.-]{1,128}")) {
      throw new ValidationException(field, "must be 1-128 letters, digits, _ . or -");
    }
  }

  /** A session refreshes against its own domain's hosts: it must be the server's domain. */
  private void requireServerDomain(String field, String domain) {
    if (domain == null || serverDomain.isEmpty() || serverDomain.get().equals(domain)) {
      return;
    }
    throw new ValidationException(
        field,
        "the session belongs to "
            + domain
            + " but this server signs in to "
            + serverDomain.get()
            + " (GARMIN_AUTH_GARMIN_DOMAIN)");
  }

  private static JsonNode json(String text) {
    JsonNode root = SessionJson.tree(text, "data");
    if (!root.isObject()) {
      throw new ValidationException("data", "must be a JSON object");
    }
    return root;
  }
}
