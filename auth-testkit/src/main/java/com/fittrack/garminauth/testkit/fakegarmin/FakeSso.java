package com.fittrack.garminauth.testkit.fakegarmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;

/** The SSO side of FakeGarmin: the JSON flows (mobile, portal) and the HTML widget. */
final class FakeSso {
  static final Duration BLOCK_RETRY_AFTER = Duration.ofSeconds(60);

  private final Map<String, FakeAccount> accounts;
  private final Map<FakeStrategy, Block> blocks;
  private final SsoSessions sessions;
  private final FakeTokens tokens;
  private final FakeGarminCounters counters;

  FakeSso(
      Map<String, FakeAccount> accounts,
      Map<FakeStrategy, Block> blocks,
      SsoSessions sessions,
      FakeTokens tokens,
      FakeGarminCounters counters) {
    this.accounts = accounts;
    this.blocks = blocks;
    this.sessions = sessions;
    this.tokens = tokens;
    this.counters = counters;
  }

  /** GET of a JSON flow's sign-in page: a new cookie session. */
  MockResponse.Builder signInPage(Incoming r, FakeStrategy strategy) {
    if (!strategy.clientId().equals(r.query("clientId"))) {
      return Replies.html(400, Pages.page("Bad Request", "<p>Unknown client.</p>"));
    }
    SsoSessions.Session s = sessions.open(strategy);
    return Replies.html(200, Pages.signInApp(strategy.clientId()))
        .addHeader("Set-Cookie", SsoSessions.setCookie(s));
  }

  /** GET /portal/sso/embed: only a load-balancer cookie. */
  MockResponse.Builder loadBalancerCookie() {
    return Replies.html(200, Pages.embed())
        .addHeader("Set-Cookie", "__cflb=" + SsoSessions.token(12) + "; Path=/; HttpOnly");
  }

  MockResponse.Builder jsonLogin(Incoming r, FakeStrategy strategy) {
    Optional<MockResponse.Builder> blocked = jsonBlock(strategy);
    if (blocked.isPresent()) {
      return blocked.get();
    }
    String service = r.query("service");
    Optional<SsoSessions.Session> session = sessions.of(r, strategy);
    Optional<JsonNode> body = r.json();
    if (!strategy.clientId().equals(r.query("clientId"))
        || service == null
        || session.isEmpty()
        || body.isEmpty()
        || !r.hasContentType("application/json")) {
      return status(403, "INVALID_REQUEST", "requestInvalid");
    }
    counters.loginAttempt();
    FakeAccount account =
        accounts.get(body.get().path("username").asText().toLowerCase(Locale.ROOT));
    if (account == null || !account.password().equals(body.get().path("password").asText())) {
      return status(401, "INVALID_USERNAME_PASSWORD", "generalLoginInvalidUsernameOrPassword");
    }
    if (account.locked()) {
      return status(401, "ACCOUNT_LOCKED", "accountLocked");
    }
    if (account.hasMfa()) {
      session.get().pendingMfaEmail = account.email();
      ObjectNode n = statusNode("MFA_REQUIRED", "", "OK");
      ObjectNode info = n.putObject("customerMfaInfo");
      info.put("mfaLastMethodUsed", account.mfaMethod().get());
      info.put("email", mask(account.email()));
      info.putNull("phoneNumber");
      return Replies.json(200, n);
    }
    return ticket(account, service, false, session.get());
  }

  MockResponse.Builder jsonMfa(Incoming r, FakeStrategy strategy) {
    String service = r.query("service");
    Optional<SsoSessions.Session> session = sessions.of(r, strategy);
    if (session.isEmpty() || session.get().pendingMfaEmail == null || service == null) {
      return status(401, "SESSION_EXPIRED", "sessionExpired");
    }
    counters.mfaAttempt();
    FakeAccount account = accounts.get(session.get().pendingMfaEmail);
    String code = r.json().map(j -> j.path("mfaVerificationCode").asText()).orElse("");
    if (account == null || !account.mfaCode().orElse("").equals(code)) {
      return status(400, "INVALID_MFA_CODE", "mfaCodeInvalid");
    }
    return ticket(account, service, true, session.get());
  }

  MockResponse.Builder widgetEmbed() {
    SsoSessions.Session s = sessions.open(FakeStrategy.WIDGET);
    return Replies.html(200, Pages.embed()).addHeader("Set-Cookie", SsoSessions.setCookie(s));
  }

  MockResponse.Builder widgetForm(Incoming r) {
    Optional<SsoSessions.Session> existing = sessions.of(r, FakeStrategy.WIDGET);
    SsoSessions.Session s = existing.orElseGet(() -> sessions.open(FakeStrategy.WIDGET));
    MockResponse.Builder page = Replies.html(200, Pages.signInForm(s.csrf));
    return existing.isPresent() ? page : page.addHeader("Set-Cookie", SsoSessions.setCookie(s));
  }

  MockResponse.Builder widgetLogin(Incoming r) {
    Block block = blocks.get(FakeStrategy.WIDGET);
    if (block != null) {
      return htmlBlock(block);
    }
    Map<String, String> form = r.form();
    Optional<SsoSessions.Session> session = sessions.of(r, FakeStrategy.WIDGET);
    String service = r.query("service");
    if (session.isEmpty() || service == null || !session.get().csrf.equals(form.get("_csrf"))) {
      return Replies.html(403, Pages.page("Forbidden", "<p>Invalid CSRF token.</p>"));
    }
    counters.loginAttempt();
    FakeAccount account = accounts.get(form.getOrDefault("username", "").toLowerCase(Locale.ROOT));
    if (account == null || !account.password().equals(form.get("password"))) {
      return Replies.html(200, Pages.invalid());
    }
    if (account.locked()) {
      return Replies.html(200, Pages.locked());
    }
    if (account.hasMfa()) {
      session.get().pendingMfaEmail = account.email();
      session.get().csrf = SsoSessions.token(24);
      return Replies.html(200, Pages.mfa(session.get().csrf, account.mfaMethod().get(), false));
    }
    return widgetTicket(account, service, false, session.get());
  }

  MockResponse.Builder widgetMfa(Incoming r) {
    Map<String, String> form = r.form();
    Optional<SsoSessions.Session> session = sessions.of(r, FakeStrategy.WIDGET);
    String service = r.query("service");
    if (session.isEmpty()
        || session.get().pendingMfaEmail == null
        || service == null
        || !session.get().csrf.equals(form.get("_csrf"))) {
      return Replies.html(403, Pages.page("Forbidden", "<p>Session expired.</p>"));
    }
    counters.mfaAttempt();
    FakeAccount account = accounts.get(session.get().pendingMfaEmail);
    if (account == null || !account.mfaCode().orElse("").equals(form.get("mfa-code"))) {
      return Replies.html(
          200,
          Pages.mfa(
              session.get().csrf, account == null ? "email" : account.mfaMethod().get(), true));
    }
    return widgetTicket(account, service, true, session.get());
  }

  private MockResponse.Builder ticket(
      FakeAccount account, String service, boolean afterMfa, SsoSessions.Session session) {
    sessions.end(session);
    counters.signIn();
    ObjectNode n = statusNode("SUCCESSFUL", "", "OK");
    n.put("serviceURL", service);
    n.put("serviceTicketId", tokens.issueTicket(account.email(), service, afterMfa));
    n.putNull("customerMfaInfo");
    return Replies.json(200, n);
  }

  private MockResponse.Builder widgetTicket(
      FakeAccount account, String service, boolean afterMfa, SsoSessions.Session session) {
    sessions.end(session);
    counters.signIn();
    return Replies.html(200, Pages.success(tokens.issueTicket(account.email(), service, afterMfa)));
  }

  private Optional<MockResponse.Builder> jsonBlock(FakeStrategy strategy) {
    Block block = blocks.get(strategy);
    if (block == null) {
      return Optional.empty();
    }
    if (block == Block.CAPTCHA) {
      return Optional.of(status(200, "CAPTCHA_REQUIRED", "captchaRequired"));
    }
    return Optional.of(htmlBlock(block));
  }

  private static MockResponse.Builder htmlBlock(Block block) {
    switch (block) {
      case RATE_LIMITED:
        return Replies.cloudflareRateLimit(BLOCK_RETRY_AFTER);
      case GARMIN_RATE_LIMIT:
        ObjectNode n = Incoming.JSON.createObjectNode();
        ObjectNode error = n.putObject("error");
        error.put("status-code", "429");
        error.put("message", "Too Many Requests");
        return Replies.json(429, n).setHeader("Retry-After", BLOCK_RETRY_AFTER.toSeconds());
      default:
        return Replies.cloudflareChallenge();
    }
  }

  private static MockResponse.Builder status(int code, String type, String message) {
    String http =
        code == 200
            ? "OK"
            : code == 401 ? "UNAUTHORIZED" : code == 400 ? "BAD_REQUEST" : "FORBIDDEN";
    return Replies.json(code, statusNode(type, message, http));
  }

  private static ObjectNode statusNode(String type, String message, String httpStatus) {
    ObjectNode n = Incoming.JSON.createObjectNode();
    ObjectNode s = n.putObject("responseStatus");
    s.put("type", type);
    s.put("message", message);
    s.put("httpStatus", httpStatus);
    n.putNull("responseReason");
    n.putNull("consentTypeList");
    n.put("captchaAlreadyPassed", false);
    n.putNull("samlResponse");
    n.put("authType", "CAS");
    return n;
  }

  private static String mask(String email) {
    int at = email.indexOf('@');
    return (at > 0 ? email.charAt(0) + "***" + email.substring(at) : "***");
  }
}
