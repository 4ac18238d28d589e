package com.fittrack.garminauth.garmin.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.LegacyOAuthCredentials;
import com.fittrack.garminauth.core.domain.OAuth1Token;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.ValidationException;
import com.fittrack.garminauth.garmin.http.Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the session files users already have (GARMIN-PROTOCOL.md 4) into credentials:
 *
 * <ul>
 *   <li>{@code garth}: the {@code dumps()} string (base64 of {@code [oauth1, oauth2]}), or the
 *       {@code oauth1_token.json} + {@code oauth2_token.json} pair given as {@code {"oauth1_token":
 *       {...}, "oauth2_token": {...}}}; gives legacy OAuth1 credentials.
 *   <li>{@code garminconnect}: python-garminconnect's {@code {"di_token", "di_refresh_token",
 *       "di_client_id"}}; gives DI OAuth2 credentials expiring at the JWT's {@code exp}.
 * </ul>
 *
 * <p>Expiry against the current time is the import use case's check, not this parser's. Malformed
 * input is a {@link ValidationException} naming the field; no message quotes the input.
 *
 * <pre>{@code
 * GarminCredentials credentials = GarminSessionFiles.parse(Optional.empty(), fileText);
 * }</pre>
 */
public final class GarminSessionFiles {
  /** The largest session text accepted (real ones are a few kilobytes). */
  public static final int MAX_DATA_CHARS = 64 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GarminSessionFiles() {}

  public static GarminCredentials parse(Optional<String> format, String data) {
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
        return text.startsWith("{") ? garthPair(json(text)) : garthDumps(text);
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
    if (root.has("oauth1_token") || root.has("oauth2_token")) {
      return "garth";
    }
    if (root.has("di_token")) {
      return "garminconnect";
    }
    throw new ValidationException("data", "is neither a garth nor a python-garminconnect session");
  }

  private static LegacyOAuthCredentials garthDumps(String text) {
    byte[] decoded;
    try {
      decoded = Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("data", "is not base64 of a garth session");
    }
    JsonNode array = tree(new String(decoded, StandardCharsets.UTF_8), "data");
    if (!array.isArray() || array.size() != 2) {
      throw new ValidationException("data", "must hold a JSON array of [oauth1, oauth2]");
    }
    return legacy(array.get(0), array.get(1));
  }

  private static LegacyOAuthCredentials garthPair(JsonNode root) {
    return legacy(root.get("oauth1_token"), root.get("oauth2_token"));
  }

  private static LegacyOAuthCredentials legacy(JsonNode oauth1Node, JsonNode oauth2Node) {
    SessionFields o1 = new SessionFields(oauth1Node, "oauth1_token");
    SessionFields o2 = new SessionFields(oauth2Node, "oauth2_token");
    String domain = o1.optionalText("domain").orElse("garmin.com").toLowerCase(Locale.ROOT);
    if (!domain.equals("garmin.com") && !domain.equals("garmin.cn")) {
      throw o1.invalid("domain", "must be garmin.com or garmin.cn");
    }
    OAuth1Token oauth1 =
        new OAuth1Token(
            o1.secret("oauth_token"),
            o1.secret("oauth_token_secret"),
            o1.optionalSecret("mfa_token"),
            o1.optionalDateTime("mfa_expiration_timestamp"),
            domain);
    Secret access = o2.secret("access_token");
    Instant expiresAt =
        o2.optionalEpochSeconds("expires_at")
            .or(() -> Jwt.expiry(access.reveal()))
            .orElseThrow(() -> o2.invalid("expires_at", "is required"));
    return new LegacyOAuthCredentials(
        oauth1,
        access,
        o2.optionalSecret("refresh_token"),
        expiresAt,
        o2.optionalEpochSeconds("refresh_token_expires_at"));
  }

  private static DiOAuth2Credentials garminConnect(JsonNode root) {
    SessionFields f = new SessionFields(root, "");
    Secret token = f.secret("di_token");
    Instant expiresAt =
        Jwt.expiry(token.reveal())
            .orElseThrow(() -> f.invalid("di_token", "must be a JWT with an exp claim"));
    String clientId =
        f.optionalText("di_client_id")
            .or(() -> Jwt.clientId(token.reveal()))
            .orElseThrow(() -> f.invalid("di_client_id", "is required"));
    if (!clientId.matches("[A-Za-z0-9_.-]{1,128}")) {
      throw f.invalid("di_client_id", "must be 1-128 letters, digits, _ . or -");
    }
    return new DiOAuth2Credentials(
        token, f.secret("di_refresh_token"), clientId, expiresAt, Optional.empty());
  }

  private static JsonNode json(String text) {
    JsonNode root = tree(text, "data");
    if (!root.isObject()) {
      throw new ValidationException("data", "must be a JSON object");
    }
    return root;
  }

  private static JsonNode tree(String text, String field) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null) {
        throw new ValidationException(field, "is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      // Jackson quotes the input in its message; the input is a secret.
      throw new ValidationException(field, "is not valid JSON");
    }
  }
}
