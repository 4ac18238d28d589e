package com.fittrack.garminauth.testkit.fakegarmin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SSO cookie sessions. The session cookie is what ties an MFA code to the login that asked for it:
 * a verify request without the cookie of a session waiting for MFA is refused.
 */
final class SsoSessions {
  static final String COOKIE = "SESSION";
  private static final Duration IDLE = Duration.ofMinutes(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One browser session at the SSO. */
  static final class Session {
    final String id;
    final FakeStrategy strategy;
    volatile String csrf;
    volatile String pendingMfaEmail;
    volatile String service;
    volatile String loginToken;
    volatile boolean mfaCodeSent;
    volatile Instant lastSeen;

    Session(String id, FakeStrategy strategy, Instant now) {
      this.id = id;
      this.strategy = strategy;
      this.csrf = csrf();
      this.lastSeen = now;
    }
  }

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final FakeSettings settings;

  SsoSessions(FakeSettings settings) {
    this.settings = settings;
  }

  Session open(FakeStrategy strategy) {
    Instant now = clock().instant();
    if (sessions.size() > 10_000) {
      sessions.values().removeIf(s -> s.lastSeen.plus(IDLE).isBefore(now));
    }
    Session s = new Session(token(18), strategy, now);
    sessions.put(s.id, s);
    return s;
  }

  /** The live session of the request's cookie, for {@code strategy}. */
  Optional<Session> of(Incoming request, FakeStrategy strategy) {
    Instant now = clock().instant();
    return request
        .cookie(COOKIE)
        .map(sessions::get)
        .filter(s -> s.strategy == strategy && !s.lastSeen.plus(IDLE).isBefore(now))
        .map(
            s -> {
              s.lastSeen = now;
              return s;
            });
  }

  void end(Session s) {
    sessions.remove(s.id);
  }

  void clear() {
    sessions.clear();
  }

  static String setCookie(Session s) {
    return COOKIE + "=" + s.id + "; Path=/; HttpOnly; SameSite=Lax";
  }

  /** The Cloud Foundry routing cookie Garmin's SSO sets beside {@code SESSION}. */
  static String vcapCookie() {
    return "__VCAP_ID__=" + hex(16).toLowerCase(java.util.Locale.ROOT) + "; Path=/; HttpOnly";
  }

  /** A CSRF token as Garmin's pages carry it: upper-case hex. */
  static String csrf() {
    return hex(48);
  }

  /** Letters and digits only, as the random parts of Garmin's tickets. */
  static String alphanumeric(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return java.util.HexFormat.of().withUpperCase().formatHex(b);
  }

  private Clock clock() {
    return settings.clock;
  }

  static String token(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
