package com.fittrack.garminauth.garmin.token;

import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.ReauthRequiredException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.garmin.GarminEndpoints;
import com.fittrack.garminauth.garmin.http.Failures;
import com.fittrack.garminauth.garmin.http.GarminHttp;
import com.fittrack.garminauth.garmin.http.HttpReply;
import com.fittrack.garminauth.garmin.http.Jwt;
import com.fittrack.garminauth.garmin.signin.StrategyResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DI OAuth2 (GARMIN-PROTOCOL.md 2a): a service ticket for tokens, trying the client ids in order,
 * and the refresh-token grant. Neither call is ever repeated automatically: a ticket is single use
 * and a rotating refresh token presented twice can revoke the whole session.
 */
public final class DiTokenService {
  private static final Logger log = LoggerFactory.getLogger(DiTokenService.class);
  private static final String PATH = "/di-oauth2-service/oauth/token";

  /** The client ids current mobile apps use, newest first. */
  public static final List<String> DEFAULT_CLIENT_IDS =
      List.of(
          "GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2",
          "GARMIN_CONNECT_MOBILE_ANDROID_DI_2024Q4",
          "GARMIN_CONNECT_MOBILE_ANDROID_DI",
          "GARMIN_CONNECT_MOBILE_IOS_DI");

  private final GarminEndpoints endpoints;
  private final GarminHttp http;
  private final Clock clock;
  private final List<String> clientIds;
  private final Duration exchangeTimeout;

  public DiTokenService(
      GarminEndpoints endpoints, GarminHttp http, Clock clock, List<String> clientIds) {
    this(endpoints, http, clock, clientIds, null);
  }

  /**
   * @param exchangeTimeout how long the ticket exchange waits for an answer (sign-in's 30 s); the
   *     refresh keeps the transport's shorter limit, which the refresh lease is sized for
   */
  public DiTokenService(
      GarminEndpoints endpoints,
      GarminHttp http,
      Clock clock,
      List<String> clientIds,
      Duration exchangeTimeout) {
    this.exchangeTimeout = exchangeTimeout;
    if (clientIds.isEmpty()) {
      throw new IllegalArgumentException("at least one DI client id is needed");
    }
    this.endpoints = endpoints;
    this.http = http;
    this.clock = clock;
    this.clientIds = List.copyOf(clientIds);
  }

  /** Exchanges a service ticket; fails with a summary of what each client id got. */
  public DiOAuth2Credentials exchange(StrategyResult.Ticket ticket) {
    List<String> seen = new ArrayList<>();
    HttpReply unavailable = null;
    for (String clientId : clientIds) {
      FormBody form =
          new FormBody.Builder()
              .add("client_id", clientId)
              .add("service_ticket", ticket.ticket().reveal())
              .add("grant_type", endpoints.serviceTicketGrantType())
              .add("service_url", ticket.service())
              .build();
      HttpReply reply;
      try {
        reply =
            http.send(
                exchangeTimeout == null ? http.plain() : http.plain(exchangeTimeout),
                request(clientId, form),
                "DI ticket exchange",
                // Safe: a closed pooled connection delivered nothing, and a ticket sent twice is
                // refused, not doubled. The refresh below is never resent (rotating token).
                GarminHttp.Repeat.ON_CLOSED_CONNECTION);
      } catch (GarminUnavailableException e) {
        // The ticket may be spent already; the next id could not use it either.
        seen.add(clientId + ": " + e.getMessage());
        throw new GarminUnavailableException(
            e.code(),
            "DI exchange failed: " + String.join("; ", seen),
            e.retryAfter().orElse(null));
      }
      if (reply.isSuccessful()) {
        DiOAuth2Credentials credentials = credentials(reply, clientId, "DI ticket exchange");
        log.info("DI exchange succeeded with client id {}", credentials.clientId());
        return credentials;
      }
      log.debug("DI exchange with client id {} answered HTTP {}", clientId, reply.code());
      seen.add(clientId + ": HTTP " + reply.code());
      if (reply.code() == 429 || reply.isBlock()) {
        // Garmin is throttling this client: more client ids would only deepen the block.
        throw GarminUnavailableException.rateLimited(
            "DI exchange was rate limited (HTTP "
                + reply.code()
                + "); stopped: "
                + String.join("; ", seen),
            reply.retryAfter().orElse(null));
      }
      if (reply.isServerError()) {
        unavailable = reply;
      }
    }
    String summary = "DI exchange failed for every client id: " + String.join("; ", seen);
    if (unavailable == null) {
      throw new GarminProtocolException(summary);
    }
    // Garmin was down or busy rather than refusing: the caller may try again later.
    ErrorCode code =
        unavailable.code() == 429 ? ErrorCode.RATE_LIMITED : ErrorCode.GARMIN_UNAVAILABLE;
    throw new GarminUnavailableException(code, summary, unavailable.retryAfter().orElse(null));
  }

  /** The refresh-token grant; keeps the old refresh token only when Garmin sends no new one. */
  public DiOAuth2Credentials refresh(DiOAuth2Credentials current) {
    FormBody form =
        new FormBody.Builder()
            .add("grant_type", "refresh_token")
            .add("client_id", current.clientId())
            .add("refresh_token", current.refreshToken().reveal())
            .build();
    HttpReply reply = http.send(http.plain(), request(current.clientId(), form), "DI refresh");
    if (reply.isSuccessful()) {
      OAuth2Tokens tokens = OAuth2Tokens.parse(reply, clock.instant(), "DI refresh");
      // The new token names the client it was issued to; the next refresh must present that one.
      String clientId = Jwt.clientId(tokens.accessToken().reveal()).orElse(current.clientId());
      return new DiOAuth2Credentials(
          tokens.accessToken(),
          tokens.refreshToken().orElse(current.refreshToken()),
          clientId,
          tokens.accessTokenExpiresAt(),
          tokens.refreshTokenExpiresAt().or(current::refreshTokenExpiresAt));
    }
    if (reply.code() == 401 || (reply.code() == 400 && OAuth2Tokens.isInvalidGrant(reply))) {
      throw new ReauthRequiredException(
          "invalid_grant", "Garmin rejected the refresh token; the user must sign in again");
    }
    throw Failures.unexpected(reply, "DI refresh");
  }

  private Request request(String clientId, FormBody form) {
    String basic =
        Base64.getEncoder().encodeToString((clientId + ":").getBytes(StandardCharsets.UTF_8));
    HttpUrl url = HttpUrl.get(endpoints.diAuth().toString() + PATH);
    return new Request.Builder()
        .url(url)
        .header("Authorization", "Basic " + basic)
        .header("Accept", "application/json")
        .header("User-Agent", LegacyTokenService.APP_USER_AGENT)
        .post(form)
        .build();
  }

  private DiOAuth2Credentials credentials(HttpReply reply, String clientId, String what) {
    Instant now = clock.instant();
    OAuth2Tokens tokens = OAuth2Tokens.parse(reply, now, what);
    Secret refresh =
        tokens
            .refreshToken()
            .orElseThrow(() -> new GarminProtocolException(what + ": expected a refresh_token"));
    String issuedTo = Jwt.clientId(tokens.accessToken().reveal()).orElse(clientId);
    return new DiOAuth2Credentials(
        tokens.accessToken(),
        refresh,
        issuedTo,
        tokens.accessTokenExpiresAt(),
        tokens.refreshTokenExpiresAt());
  }
}
