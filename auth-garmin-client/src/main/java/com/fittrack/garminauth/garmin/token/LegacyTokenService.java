package com.fittrack.garminauth.garmin.token;

import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.LegacyOAuthCredentials;
import com.fittrack.garminauth.core.domain.OAuth1Token;
import com.fittrack.garminauth.core.domain.ReauthRequiredException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.garmin.GarminEndpoints;
import com.fittrack.garminauth.garmin.http.Failures;
import com.fittrack.garminauth.garmin.http.GarminHttp;
import com.fittrack.garminauth.garmin.http.HttpReply;
import com.fittrack.garminauth.garmin.signin.StrategyResult;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The garth-era path (GARMIN-PROTOCOL.md 2b): a ticket for an OAuth1 token ({@code preauthorized}),
 * and the OAuth1 token for OAuth2 tokens ({@code exchange}), which is also how these sessions
 * refresh. Nothing rotates here, but requests carry a one-time nonce, so a failed exchange is
 * reported rather than resent.
 */
public final class LegacyTokenService {
  static final String APP_USER_AGENT = "com.garmin.android.apps.connectmobile";
  private static final DateTimeFormatter MFA_EXPIRY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

  private final GarminEndpoints endpoints;
  private final GarminHttp http;
  private final Clock clock;
  private final OAuth1Signer signer;

  public LegacyTokenService(
      GarminEndpoints endpoints, GarminHttp http, Clock clock, OAuth1Signer signer) {
    this.endpoints = endpoints;
    this.http = http;
    this.clock = clock;
    this.signer = signer;
  }

  /** Sign-in: ticket to OAuth1 token to OAuth2 tokens. */
  public LegacyOAuthCredentials exchangeTicket(StrategyResult.Ticket ticket) {
    HttpUrl url =
        HttpUrl.get(endpoints.connectApi() + "/oauth-service/oauth/preauthorized")
            .newBuilder()
            .addQueryParameter("ticket", ticket.ticket().reveal())
            .addQueryParameter("login-url", ticket.service())
            .addQueryParameter("accepts-mfa-tokens", "true")
            .build();
    Request request =
        new Request.Builder()
            .url(url)
            .header("User-Agent", APP_USER_AGENT)
            .header("Authorization", signer.authorization("GET", url, List.of(), Optional.empty()))
            .build();
    // A closed pooled connection delivered nothing: one more try on a new one is safe here.
    HttpReply reply =
        http.send(
            http.plain(), request, "OAuth1 preauthorized", GarminHttp.Repeat.ON_CLOSED_CONNECTION);
    if (!reply.isSuccessful()) {
      throw Failures.unexpected(reply, "OAuth1 preauthorized");
    }
    return exchange(oauth1(reply), true);
  }

  /** Refresh: the stored OAuth1 token for new OAuth2 tokens; 401 means the token is gone. */
  public LegacyOAuthCredentials refresh(LegacyOAuthCredentials current) {
    return exchange(current.oauth1(), false);
  }

  private LegacyOAuthCredentials exchange(OAuth1Token oauth1, boolean firstLogin) {
    HttpUrl url = HttpUrl.get(endpoints.connectApi() + "/oauth-service/oauth/exchange/user/2.0");
    List<OAuth1Signer.Param> form = new ArrayList<>();
    if (firstLogin) {
      form.add(new OAuth1Signer.Param("audience", "GARMIN_CONNECT_MOBILE_ANDROID_DI"));
    }
    oauth1.mfaToken().ifPresent(t -> form.add(new OAuth1Signer.Param("mfa_token", t.reveal())));
    FormBody.Builder body = new FormBody.Builder();
    form.forEach(p -> body.add(p.name(), p.value()));
    OAuth1Signer.Token token =
        new OAuth1Signer.Token(oauth1.token().reveal(), oauth1.tokenSecret());
    Request request =
        new Request.Builder()
            .url(url)
            .header("User-Agent", APP_USER_AGENT)
            .header("Accept", "application/json")
            .header("Authorization", signer.authorization("POST", url, form, Optional.of(token)))
            .post(body.build())
            .build();
    // At sign-in a resend after a closed pooled connection is safe; a refresh is never resent
    // (a replayed nonce would be a 401, which a refresh reads as the session's end).
    HttpReply reply =
        http.send(
            http.plain(),
            request,
            "OAuth1 exchange",
            firstLogin ? GarminHttp.Repeat.ON_CLOSED_CONNECTION : GarminHttp.Repeat.NEVER);
    if (reply.code() == 401) {
      if (firstLogin) {
        throw new GarminProtocolException("OAuth1 exchange refused a token it had just issued");
      }
      throw new ReauthRequiredException(
          "invalid_grant", "Garmin rejected the OAuth1 token; the user must sign in again");
    }
    if (!reply.isSuccessful()) {
      throw Failures.unexpected(reply, "OAuth1 exchange");
    }
    OAuth2Tokens tokens = OAuth2Tokens.parse(reply, clock.instant(), "OAuth1 exchange");
    return new LegacyOAuthCredentials(
        oauth1,
        tokens.accessToken(),
        tokens.refreshToken(),
        tokens.accessTokenExpiresAt(),
        tokens.refreshTokenExpiresAt());
  }

  private OAuth1Token oauth1(HttpReply reply) {
    if (reply.looksLikeHtml()) {
      throw new GarminProtocolException("OAuth1 preauthorized answered an HTML page, not a form");
    }
    Map<String, String> fields = form(reply.body());
    String token = fields.get("oauth_token");
    String secret = fields.get("oauth_token_secret");
    if (token == null || token.isEmpty() || secret == null || secret.isEmpty()) {
      throw new GarminProtocolException(
          "OAuth1 preauthorized: expected oauth_token and oauth_token_secret");
    }
    Optional<Secret> mfaToken =
        Optional.ofNullable(fields.get("mfa_token")).filter(s -> !s.isEmpty()).map(Secret::of);
    return new OAuth1Token(
        Secret.of(token),
        Secret.of(secret),
        mfaToken,
        Optional.ofNullable(fields.get("mfa_expiration_timestamp"))
            .flatMap(LegacyTokenService::mfaExpiry),
        endpoints.domain());
  }

  private static Optional<Instant> mfaExpiry(String text) {
    try {
      return Optional.of(LocalDateTime.parse(text.trim(), MFA_EXPIRY).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.trim().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
