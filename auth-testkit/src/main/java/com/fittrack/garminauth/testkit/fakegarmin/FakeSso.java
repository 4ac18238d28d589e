package com.fittrack.garminauth.testkit.fakegarmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
        .addHeader("Set-Cookie", SsoSessions.setCookie(s))
        .addHeader("Set-Cookie", SsoSessions.vcapCookie())
        .addHeader("Set-Cookie", "__cf_bm=" + SsoSessions.token(24) + "; Path=/; HttpOnly");
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
      return failure(403, "INVALID_REQUEST", "requestInvalid");
    }
    counters.loginAttempt();
    FakeAccount account =
        accounts.get(body.get().path("username").asText().toLowerCase(Locale.ROOT));
    if (account == null || !account.password().equals(body.get().path("password").asText())) {
      return failure(401, "INVALID_USERNAME_PASSWORD", "generalLoginInvalidUsernameOrPassword");
    }
    if (account.locked()) {
      return failure(401, "ACCOUNT_LOCKED", "accountLocked");
    }
    if (account.hasMfa()) {
      session.get().pendingMfaEmail = account.email();
      ObjectNode n = statusNode("MFA_REQUIRED", "", "OK");
      n.putNull("serviceURL");
      n.putNull("serviceTicketId");
      ObjectNode info = n.putObject("customerMfaInfo");
      info.put("mfaLastMethodUsed", account.mfaMethod().get());
      info.put("defaultMfaMethod", account.mfaMethod().get());
      info.put("mfaUISetting", "MFA_ENABLED");
      info.put("email", mask(account.email()));
      info.putNull("phoneNumber");
      n.put("authType", "CAS");
      return Replies.json(200, n);
    }
    return ticket(account, service, false, session.get());
  }

  MockResponse.Builder jsonMfa(Incoming r, FakeStrategy strategy) {
    String service = r.query("service");
    Optional<SsoSessions.Session> session = sessions.of(r, strategy);
    if (session.isEmpty() || session.get().pendingMfaEmail == null || service == null) {
      return failure(401, "SESSION_EXPIRED", "sessionExpired");
    }
    counters.mfaAttempt();
    FakeAccount account = accounts.get(session.get().pendingMfaEmail);
    String code = r.json().map(j -> j.path("mfaVerificationCode").asText()).orElse("");
    if (account == null || !account.mfaCode().orElse("").equals(code)) {
      return failure(400, "INVALID_MFA_CODE", "mfaCodeInvalid");
    }
    return ticket(account, service, true, session.get());
  }

  /** GET /sso/embed: the widget's frame; only a routing cookie, the session starts at signin. */
  MockResponse.Builder widgetEmbed() {
    return Replies.html(200, Pages.embed()).addHeader("Set-Cookie", SsoSessions.vcapCookie());
  }

  /** GET /sso/signin: the form with its CSRF token; sets {@code SESSION}. */
  MockResponse.Builder widgetForm(Incoming r) {
    Optional<SsoSessions.Session> existing = sessions.of(r, FakeStrategy.WIDGET);
    SsoSessions.Session s = existing.orElseGet(() -> sessions.open(FakeStrategy.WIDGET));
    MockResponse.Builder page = Replies.html(200, Pages.signInForm(s.csrf));
    return existing.isPresent() ? page : page.addHeader("Set-Cookie", SsoSessions.setCookie(s));
  }

  /** POST /sso/signin: Success (200), the MFA page by a 302, or the 401 FAIL page. */
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
    SsoSessions.Session s = session.get();
    FakeAccount account = accounts.get(form.getOrDefault("username", "").toLowerCase(Locale.ROOT));
    if (account == null || !account.password().equals(form.get("password"))) {
      s.csrf = SsoSessions.csrf();
      return Replies.html(401, Pages.failed(s.csrf));
    }
    if (account.locked()) {
      return Replies.html(200, Pages.locked());
    }
    if (account.hasMfa()) {
      s.pendingMfaEmail = account.email();
      s.service = service;
      s.mfaCodeSent = !account.mfaMethod().get().equals("email");
      s.csrf = SsoSessions.csrf();
      return redirect("/sso/verifyMFA/loginEnterMfaCode?" + r.url().encodedQuery());
    }
    return widgetTicket(account, service, false, s);
  }

  /** GET /sso/verifyMFA/loginEnterMfaCode: the page the MFA redirect leads to. */
  MockResponse.Builder widgetMfaPage(Incoming r) {
    Optional<SsoSessions.Session> session = sessions.of(r, FakeStrategy.WIDGET);
    if (session.isEmpty() || session.get().pendingMfaEmail == null) {
      return Replies.html(403, Pages.page("Forbidden", "<p>Session expired.</p>"));
    }
    return Replies.html(200, mfaPage(session.get(), false));
  }

  /**
   * POST /sso/verifyMFA/mfaCode: sends the code. Email codes are only sent on this request (the
   * 2026 email-MFA page does not send one by itself), so a code typed before it never matches.
   */
  MockResponse.Builder widgetSendCode(Incoming r) {
    Optional<SsoSessions.Session> session = sessions.of(r, FakeStrategy.WIDGET);
    Optional<JsonNode> body = r.json();
    if (session.isEmpty()
        || session.get().pendingMfaEmail == null
        || body.isEmpty()
        || r.query("clientId") == null) {
      return failure(401, "SESSION_EXPIRED", "sessionExpired");
    }
    FakeAccount account = accounts.get(session.get().pendingMfaEmail);
    if (account == null
        || !customerGuid(account).equals(body.get().path("customerGuid").asText())
        || !account.mfaMethod().get().equals(body.get().path("mfaMethod").asText())) {
      return failure(400, "INVALID_REQUEST", "requestInvalid");
    }
    counters.mfaCodeSend();
    session.get().mfaCodeSent = true;
    ObjectNode n = Incoming.JSON.createObjectNode();
    n.put("mfaMethod", account.mfaMethod().get());
    n.put("mfaDestination", mask(account.email()));
    return Replies.json(200, n);
  }

  /** POST /sso/verifyMFA/loginEnterMfaCode: a 302 to {@code /sso/login?logintoken=...}. */
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
    SsoSessions.Session s = session.get();
    FakeAccount account = accounts.get(s.pendingMfaEmail);
    if (account == null
        || !s.mfaCodeSent
        || !account.mfaCode().orElse("").equals(form.get("mfa-code"))) {
      return Replies.html(200, mfaPage(s, true));
    }
    s.loginToken = SsoSessions.alphanumeric(32);
    s.service = service;
    return redirect(
        "/sso/login?logintoken="
            + s.loginToken
            + "&service="
            + URLEncoder.encode(service, StandardCharsets.UTF_8));
  }

  /** GET /sso/login?logintoken=...: the Success page after MFA. */
  MockResponse.Builder widgetLoginToken(Incoming r) {
    Optional<SsoSessions.Session> session = sessions.of(r, FakeStrategy.WIDGET);
    String token = r.query("logintoken");
    if (session.isEmpty()
        || session.get().loginToken == null
        || !session.get().loginToken.equals(token)) {
      return Replies.html(403, Pages.page("Forbidden", "<p>Session expired.</p>"));
    }
    SsoSessions.Session s = session.get();
    FakeAccount account = accounts.get(s.pendingMfaEmail);
    if (account == null) {
      return Replies.html(403, Pages.page("Forbidden", "<p>Session expired.</p>"));
    }
    return widgetTicket(account, s.service, true, s);
  }

  private String mfaPage(SsoSessions.Session s, boolean wrongCode) {
    FakeAccount account = accounts.get(s.pendingMfaEmail);
    String method = account == null ? "email" : account.mfaMethod().orElse("email");
    String guid = account == null ? "" : customerGuid(account);
    String to = method.equals("sms") ? "***-***-0042" : mask(s.pendingMfaEmail);
    // Recorded: the page that answers a wrong code carries an empty _csrf. The session keeps the
    // token issued with the MFA page, so only a client that remembered it can try again.
    return Pages.mfa(wrongCode ? "" : s.csrf, method, guid, to, wrongCode);
  }

  static String customerGuid(FakeAccount account) {
    return "fa4e0000-0000-4000-8000-" + String.format("%012d", account.profileId());
  }

  private static MockResponse.Builder redirect(String location) {
    return new MockResponse.Builder()
        .code(302)
        .setHeader("Location", location)
        .setHeader("Content-Length", "0");
  }

  private MockResponse.Builder ticket(
      FakeAccount account, String service, boolean afterMfa, SsoSessions.Session session) {
    sessions.end(session);
    counters.signIn();
    ObjectNode n = statusNode("SUCCESSFUL", "", "OK");
    n.put("serviceURL", service);
    n.put("serviceTicketId", tokens.issueTicket(account.email(), service, afterMfa));
    n.putNull("customerMfaInfo");
    n.put("authType", "CAS");
    return Replies.json(200, n);
  }

  private MockResponse.Builder widgetTicket(
      FakeAccount account, String service, boolean afterMfa, SsoSessions.Session session) {
    sessions.end(session);
    counters.signIn();
    return Replies.html(200, Pages.success(tokens.issueTicket(account.email(), service, afterMfa)))
        .addHeader("Set-Cookie", "CASTGC=TGT-" + SsoSessions.alphanumeric(40) + "; Path=/sso")
        .addHeader("Set-Cookie", "GARMIN-SSO=1; Path=/")
        .addHeader("Set-Cookie", "GARMIN-SSO-CUST-GUID=" + customerGuid(account) + "; Path=/");
  }

  private Optional<MockResponse.Builder> jsonBlock(FakeStrategy strategy) {
    Block block = blocks.get(strategy);
    if (block == null) {
      return Optional.empty();
    }
    if (block == Block.CAPTCHA) {
      return Optional.of(failure(200, "CAPTCHA_REQUIRED", "captchaRequired"));
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
      case ERROR_1020:
        return Replies.accessDenied1020();
      default:
        return Replies.cloudflareChallenge();
    }
  }

  /** A refused login: every ticket and MFA field present, as explicit nulls. */
  private static MockResponse.Builder failure(int code, String type, String message) {
    String http =
        code == 200
            ? "OK"
            : code == 401 ? "UNAUTHORIZED" : code == 400 ? "BAD_REQUEST" : "FORBIDDEN";
    ObjectNode n = statusNode(type, message, http);
    n.putNull("serviceURL");
    n.putNull("serviceTicketId");
    n.putNull("customerMfaInfo");
    n.putNull("authType");
    return Replies.json(code, n);
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
    return n;
  }

  private static String mask(String email) {
    int at = email.indexOf('@');
    return at > 1 ? email.substring(0, 2) + "*****" + email.substring(at) : "*****";
  }
}
