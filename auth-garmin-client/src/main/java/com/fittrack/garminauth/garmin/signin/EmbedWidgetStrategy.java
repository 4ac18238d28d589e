package com.fittrack.garminauth.garmin.signin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fittrack.garminauth.core.domain.ChallengeException;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.SignInRejectedException;
import com.fittrack.garminauth.core.domain.ValidationException;
import com.fittrack.garminauth.garmin.SignInFlow;
import com.fittrack.garminauth.garmin.http.Failures;
import com.fittrack.garminauth.garmin.http.HttpReply;
import com.fittrack.garminauth.garmin.http.JsonFields;
import java.util.Map;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded HTML widget (GARMIN-PROTOCOL.md 1c): the pre-2025 flow, still served. The result
 * page's title says what happened; the form carries a CSRF token that the MFA step needs again.
 */
public final class EmbedWidgetStrategy implements SignInStrategy {
  private static final Logger log = LoggerFactory.getLogger(EmbedWidgetStrategy.class);
  private static final String FLOW_CSRF = "csrf";
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** The client id of the code request when the page names none (our reading). */
  static final String WIDGET_CLIENT_ID = "GarminConnect";

  @Override
  public String name() {
    return SignInFlow.EMBED_WIDGET.wireName();
  }

  @Override
  public StrategyResult signIn(SignInContext ctx, String email, Secret password) {
    String gauthHost = ctx.sso("/sso").build().toString();
    String embed = ctx.sso("/sso/embed").build().toString();
    HttpUrl embedUrl =
        ctx.sso("/sso/embed")
            .addQueryParameter("id", "gauth-widget")
            .addQueryParameter("embedWidget", "true")
            .addQueryParameter("gauthHost", gauthHost)
            .build();
    expectPage(ctx, embedUrl, null, "embed page");
    HttpUrl signinUrl = signinUrl(ctx, gauthHost, embed, "/sso/signin");
    HttpReply form = expectPage(ctx, signinUrl, embedUrl.toString(), "sign-in form");
    String csrf =
        new HtmlPage(form.body())
            .csrf()
            .orElseThrow(
                () -> new GarminProtocolException(what("sign-in form") + " has no _csrf field"));
    ctx.pauseAfterPage();
    FormBody credentials =
        new FormBody.Builder()
            .add("username", email)
            .add("password", password.reveal())
            .add("embed", "true")
            .add("_csrf", csrf)
            .build();
    // Garmin answers the MFA case with a 302 to the MFA page, which the client follows.
    HttpReply result = post(ctx, signinUrl, credentials, "sign-in");
    HtmlPage page = new HtmlPage(result.body());
    String title = page.title();
    rejectCredentials(result, page, title);
    if (title.contains("Success")) {
      return ticket(page, embed, "sign-in");
    }
    if (isMfaPage(page, title)) {
      String nextCsrf = page.csrf().orElse(csrf);
      MfaMethod method = mfaMethod(page);
      requestCodeIfUnsent(ctx, page, method);
      return new StrategyResult.MfaPending(
          method, Map.of(FLOW_CSRF, nextCsrf, "gauthHost", gauthHost, "service", embed));
    }
    throw unexpectedTitle(result, title, "sign-in");
  }

  /**
   * A wrong password is HTTP 401 with a page titled like every other and an inline {@code var
   * status = "FAIL"} (no "Invalid" in the title); older pages said so in the title.
   */
  private static void rejectCredentials(HttpReply result, HtmlPage page, String title) {
    String status = page.status().orElse("").toUpperCase(java.util.Locale.ROOT);
    if (title.contains("Locked") || status.contains("LOCKED") || status.contains("DISABLED")) {
      throw new SignInRejectedException(
          ErrorCode.ACCOUNT_LOCKED, "Garmin reports the account as locked");
    }
    if (status.equals("FAIL")
        || title.contains("Invalid")
        || title.contains("Account Error")
        || (result.code() == 401 && page.mfaMethod().isEmpty())) {
      throw new SignInRejectedException(
          ErrorCode.INVALID_CREDENTIALS, "Garmin did not accept the email and password");
    }
  }

  /** The classic page says MFA in its title; the 2026 email page only has {@code var mfaMethod}. */
  private static boolean isMfaPage(HtmlPage page, String title) {
    return title.contains("MFA") || page.mfaMethod().isPresent();
  }

  /**
   * The 2026 email-MFA page does not always send the code by itself; when it does not say where a
   * code went, ask Garmin to send it, as current clients do. Without this the code may never come.
   */
  private void requestCodeIfUnsent(SignInContext ctx, HtmlPage page, MfaMethod method) {
    if (page.namesCodeDestination()) {
      return;
    }
    Optional<String> guid = page.customerGuid();
    if (guid.isEmpty()) {
      log.info("{}: the MFA page names no customer; cannot ask Garmin to send a code", name());
      return;
    }
    ObjectNode body = JsonFields.MAPPER.createObjectNode();
    body.put("customerGuid", guid.get());
    body.put("mfaMethod", method.value());
    body.put("locale", "en-US");
    HttpUrl url =
        ctx.sso("/sso/verifyMFA/mfaCode")
            .addQueryParameter("clientId", page.clientId().orElse(WIDGET_CLIENT_ID))
            .build();
    Request request =
        BrowserHeaders.api(
                new Request.Builder().url(url),
                BrowserHeaders.DESKTOP_USER_AGENT,
                ctx.origin(),
                url.toString())
            .post(RequestBody.create(body.toString(), JSON))
            .build();
    HttpReply reply = ctx.send(request, what("MFA code request"));
    if (!reply.isSuccessful()) {
      throw Failures.unexpected(reply, what("MFA code request"));
    }
    log.info("{}: asked Garmin to send the MFA code by {}", name(), method);
  }

  @Override
  public StrategyResult.Ticket completeMfa(
      SignInContext ctx, MfaMethod method, Map<String, String> flow, String code) {
    String csrf = required(flow, FLOW_CSRF);
    String gauthHost = required(flow, "gauthHost");
    String embed = required(flow, "service");
    HttpUrl url = signinUrl(ctx, gauthHost, embed, "/sso/verifyMFA/loginEnterMfaCode");
    FormBody body =
        new FormBody.Builder()
            .add("mfa-code", code)
            .add("embed", "true")
            .add("_csrf", csrf)
            .add("fromPage", "setupEnterMfaCode")
            .build();
    // A right code is a 302 to /sso/login?logintoken=..., whose page is the Success page.
    HttpReply result = post(ctx, url, body, "MFA verification");
    HtmlPage page = new HtmlPage(result.body());
    String title = page.title();
    if (title.contains("Success")) {
      return ticket(page, embed, "MFA verification");
    }
    if (result.isSuccessful() && isMfaPage(page, title)) {
      throw ChallengeException.invalidCode(JsonApiStrategy.ATTEMPTS_LEFT_UNKNOWN);
    }
    if (result.code() == 403 && !result.isBlock()) {
      throw new ChallengeException(
          ErrorCode.CHALLENGE_EXPIRED, "Garmin no longer knows this sign-in; sign in again");
    }
    throw unexpectedTitle(result, title, "MFA verification");
  }

  private static HttpUrl signinUrl(SignInContext ctx, String gauthHost, String embed, String path) {
    return ctx.sso(path)
        .addQueryParameter("id", "gauth-widget")
        .addQueryParameter("embedWidget", "true")
        .addQueryParameter("gauthHost", gauthHost)
        .addQueryParameter("service", embed)
        .addQueryParameter("source", embed)
        .addQueryParameter("redirectAfterAccountLoginUrl", embed)
        .addQueryParameter("redirectAfterAccountCreationUrl", embed)
        .build();
  }

  private HttpReply expectPage(SignInContext ctx, HttpUrl url, String referer, String step) {
    Request.Builder b =
        BrowserHeaders.page(new Request.Builder().url(url), BrowserHeaders.DESKTOP_USER_AGENT);
    if (referer != null) {
      b.header("Referer", referer);
    }
    HttpReply reply = ctx.send(b.build(), what(step));
    if (!reply.isSuccessful()) {
      throw Failures.unexpected(reply, what(step));
    }
    return reply;
  }

  private HttpReply post(SignInContext ctx, HttpUrl url, FormBody body, String step) {
    Request request =
        BrowserHeaders.page(new Request.Builder().url(url), BrowserHeaders.DESKTOP_USER_AGENT)
            .header("Referer", url.toString())
            .header("Origin", ctx.origin())
            .post(body)
            .build();
    HttpReply reply = ctx.send(request, what(step));
    if (reply.code() == 429 || reply.isBlock() || reply.isServerError()) {
      throw Failures.unexpected(reply, what(step));
    }
    if (!reply.looksLikeHtml()) {
      throw new GarminProtocolException(what(step) + " answered something other than an HTML page");
    }
    return reply;
  }

  private StrategyResult.Ticket ticket(HtmlPage page, String service, String step) {
    String ticket =
        page.ticket()
            .orElseThrow(
                () -> new GarminProtocolException(what(step) + " success page carries no ticket"));
    return new StrategyResult.Ticket(Secret.of(ticket), service);
  }

  private MfaMethod mfaMethod(HtmlPage page) {
    try {
      return MfaMethod.of(page.mfaMethod().orElse("email"));
    } catch (ValidationException e) {
      throw new GarminProtocolException(
          what("sign-in") + " named an MFA method this client cannot use");
    }
  }

  private RuntimeException unexpectedTitle(HttpReply reply, String title, String step) {
    if (title.contains("Bad Gateway") || title.contains("Service Unavailable")) {
      return GarminUnavailableException.unavailable(
          what(step) + " answered a gateway error page", null);
    }
    if (!reply.isSuccessful()) {
      return Failures.unexpected(reply, what(step));
    }
    return new GarminProtocolException(what(step) + " answered a page with an unexpected title");
  }

  private static String required(Map<String, String> flow, String name) {
    String v = flow.get(name);
    if (v == null || v.isEmpty()) {
      throw new ValidationException("resumeState", "lacks the flow parameter " + name);
    }
    return v;
  }

  private String what(String step) {
    return name() + " " + step;
  }
}
