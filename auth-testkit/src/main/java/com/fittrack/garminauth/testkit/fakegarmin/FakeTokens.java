package com.fittrack.garminauth.testkit.fakegarmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * FakeGarmin's token service state: service tickets, DI refresh-token families (rotation and reuse
 * detection), legacy OAuth1 tokens and the access tokens issued from both. Thread-safe: a family is
 * locked while one of its tokens is spent, so of two concurrent refreshes with the same token
 * exactly one wins and the other is a reuse.
 */
final class FakeTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A single-use CAS service ticket. */
  record Ticket(String email, String service, boolean afterMfa, Instant expiresAt) {}

  /** A DI token family: every refresh token descending from one sign-in. */
  static final class Family {
    final String email;
    boolean revoked;

    /** Issued for a service the API refuses for this account ("Token is not active"). */
    final boolean inactive;

    Family(String email, boolean inactive) {
      this.email = email;
      this.inactive = inactive;
    }
  }

  /** One DI refresh token. */
  record Refresh(Family family, String clientId, Instant expiresAt) {}

  /** A legacy OAuth1 token. */
  static final class OAuth1 {
    final String id;
    final String email;
    final String secret;
    final Optional<String> mfaToken;
    volatile boolean revoked;
    volatile boolean exchanged;

    OAuth1(String id, String email, String secret, Optional<String> mfaToken) {
      this.id = id;
      this.email = email;
      this.secret = secret;
      this.mfaToken = mfaToken;
    }
  }

  /** How a refresh-token grant ended. */
  record Refreshed(Optional<ObjectNode> tokens, String error, boolean reuse, String email) {}

  private final FakeSettings settings;
  private final FakeJwt jwt = new FakeJwt();
  private final AtomicLong serial = new AtomicLong();
  private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
  private final Map<String, Refresh> liveRefresh = new ConcurrentHashMap<>();
  private final Map<String, Refresh> spentRefresh = new ConcurrentHashMap<>();
  private final Map<String, OAuth1> oauth1 = new ConcurrentHashMap<>();
  private final Map<String, Family> familiesByJti = new ConcurrentHashMap<>();
  private final Map<String, Boolean> rejectedJtis = new ConcurrentHashMap<>();

  FakeTokens(FakeSettings settings) {
    this.settings = settings;
  }

  String issueTicket(String email, String service, boolean afterMfa) {
    String ticket = "ST-" + serial.incrementAndGet() + "-" + SsoSessions.alphanumeric(20) + "-cas";
    tickets.put(ticket, new Ticket(email, service, afterMfa, now().plus(settings.ticketLifetime)));
    return ticket;
  }

  /** A live ticket for {@code service}, without using it up. */
  Optional<Ticket> peekTicket(String ticket, String service) {
    Ticket t = ticket == null ? null : tickets.get(ticket);
    if (t == null || !now().isBefore(t.expiresAt()) || !t.service().equals(service)) {
      return Optional.empty();
    }
    return Optional.of(t);
  }

  /** Uses a ticket up; false when another request did first. */
  boolean consumeTicket(String ticket) {
    return tickets.remove(ticket) != null;
  }

  ObjectNode issueDi(String email, String clientId) {
    return issueDi(email, clientId, "");
  }

  /**
   * DI tokens for a ticket of {@code service}. Since mid-2026 the API refuses, for some accounts,
   * tokens issued for the widget's {@code /sso/embed} service (scripted with {@link
   * FakeGarmin#refuseEmbedServiceTokens(String)}).
   */
  ObjectNode issueDi(String email, String clientId, String service) {
    boolean inactive =
        service.endsWith("/sso/embed") && settings.embedTokensRefused.contains(email);
    return diTokens(new Family(email, inactive), clientId);
  }

  /** Whether {@code token} is a live token of a family the API refuses as not active. */
  boolean isInactive(String token) {
    return jwt.verify(token)
        .map(p -> familiesByJti.get(p.path("jti").asText()))
        .map(f -> f.inactive)
        .orElse(false);
  }

  Refreshed refreshDi(String refreshToken, String clientId) {
    Refresh r = refreshToken == null ? null : liveRefresh.get(refreshToken);
    if (r == null) {
      Refresh spent = refreshToken == null ? null : spentRefresh.get(refreshToken);
      if (spent == null) {
        return new Refreshed(Optional.empty(), "unknown refresh token", false, "");
      }
      synchronized (spent.family()) {
        if (settings.strictReuse) {
          spent.family().revoked = true;
        }
      }
      return new Refreshed(
          Optional.empty(), "refresh token already used", true, spent.family().email);
    }
    synchronized (r.family()) {
      if (r.family().revoked) {
        return new Refreshed(Optional.empty(), "session revoked", false, r.family().email);
      }
      if (!liveRefresh.containsKey(refreshToken)) {
        // Lost the race for this token to a concurrent refresh: that is a reuse too.
        if (settings.strictReuse) {
          r.family().revoked = true;
        }
        return new Refreshed(
            Optional.empty(), "refresh token already used", true, r.family().email);
      }
      if (!now().isBefore(r.expiresAt()) || !r.clientId().equals(clientId)) {
        return new Refreshed(
            Optional.empty(),
            "refresh token expired or issued to another client",
            false,
            r.family().email);
      }
      if (settings.rotateRefreshTokens) {
        liveRefresh.remove(refreshToken);
        spentRefresh.put(refreshToken, r);
      }
      ObjectNode answer =
          settings.rotateRefreshTokens
              ? diTokens(r.family(), clientId)
              : accessOnly(r, refreshToken);
      return new Refreshed(Optional.of(answer), "", false, r.family().email);
    }
  }

  OAuth1 issueOAuth1(String email, boolean afterMfa) {
    OAuth1 token =
        new OAuth1(
            random(30), email, random(27), afterMfa ? Optional.of(random(24)) : Optional.empty());
    oauth1.put(token.id, token);
    return token;
  }

  Optional<OAuth1> oauth1(String id) {
    return Optional.ofNullable(id == null ? null : oauth1.get(id));
  }

  ObjectNode legacyTokens(String email) {
    ObjectNode n = Incoming.JSON.createObjectNode();
    n.put("scope", "CONNECT_READ CONNECT_WRITE");
    n.put("jti", random(16));
    n.put("token_type", "Bearer"); // as in the 2023-24 recordings; DI says "bearer"
    n.put(
        "access_token",
        access(
            email,
            "GARMIN_CONNECT_MOBILE_ANDROID_DI",
            settings.legacyAccessTokenLifetime.toSeconds(),
            null));
    n.put("refresh_token", "fake-legacy-rt-" + random(24));
    n.put("expires_in", settings.legacyAccessTokenLifetime.toSeconds());
    n.put("refresh_token_expires_in", settings.refreshTokenLifetime.toSeconds());
    return n;
  }

  /** The account of a live access token this fake issued. */
  Optional<String> checkAccess(String token) {
    return jwt.verify(token)
        .filter(p -> p.path("exp").asLong() > now().getEpochSecond())
        .filter(p -> !rejectedJtis.containsKey(p.path("jti").asText()))
        .filter(
            p -> {
              Family f = familiesByJti.get(p.path("jti").asText());
              return f == null || (!f.revoked && !f.inactive);
            })
        .map(p -> p.path("email").asText());
  }

  /** Stops accepting one access token; its refresh token keeps working. */
  void rejectAccessToken(String token) {
    jwt.verify(token).ifPresent(p -> rejectedJtis.put(p.path("jti").asText(), Boolean.TRUE));
  }

  /** Revokes every DI family and OAuth1 token of {@code email} (password change, logout all). */
  void revokeAll(String email) {
    for (Refresh r : liveRefresh.values()) {
      if (r.family().email.equals(email)) {
        synchronized (r.family()) {
          r.family().revoked = true;
        }
      }
    }
    oauth1.values().stream().filter(t -> t.email.equals(email)).forEach(t -> t.revoked = true);
  }

  void clear() {
    tickets.clear();
    liveRefresh.clear();
    spentRefresh.clear();
    oauth1.clear();
    familiesByJti.clear();
    rejectedJtis.clear();
  }

  private ObjectNode diTokens(Family family, String clientId) {
    String refresh = "fake-di-rt-" + random(32);
    liveRefresh.put(
        refresh, new Refresh(family, clientId, now().plus(settings.refreshTokenLifetime)));
    return tokenAnswer(family, clientId, refresh);
  }

  private ObjectNode accessOnly(Refresh r, String refreshToken) {
    return tokenAnswer(r.family(), r.clientId(), refreshToken);
  }

  private ObjectNode tokenAnswer(Family family, String clientId, String refresh) {
    long lifetime = settings.accessTokenLifetime.toSeconds();
    ObjectNode n = Incoming.JSON.createObjectNode();
    n.put("scope", "CONNECT_READ CONNECT_WRITE");
    n.put("jti", random(16));
    n.put("token_type", "bearer");
    n.put("access_token", access(family.email, clientId, lifetime, family));
    n.put("refresh_token", refresh);
    n.put("expires_in", lifetime);
    n.put("refresh_token_expires_in", settings.refreshTokenLifetime.toSeconds());
    n.put("customerId", "fake-" + Math.abs(family.email.hashCode()));
    return n;
  }

  private String access(String email, String clientId, long lifetimeSeconds, Family family) {
    long iat = now().getEpochSecond();
    String jti = random(18);
    ObjectNode p = Incoming.JSON.createObjectNode();
    p.put("iss", "https://diauth.garmin.com");
    p.put("email", email);
    p.put("client_id", clientId);
    p.put("iat", iat);
    p.put("exp", iat + lifetimeSeconds);
    p.put("jti", jti);
    if (family != null) {
      familiesByJti.put(jti, family);
    }
    return jwt.sign(p);
  }

  /** For tests of the fake itself. */
  Optional<JsonNode> claims(String accessToken) {
    return jwt.verify(accessToken);
  }

  private Instant now() {
    return settings.clock.instant();
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
