package com.fittrack.garminauth.garmin.signin;

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
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The embedded HTML widget (GARMIN-PROTOCOL.md 1c): the pre-2025 flow, still served. The result
 * page's title says what happened; the form carries a CSRF token that the MFA step needs again.
 */
public final class EmbedWidgetStrategy implements SignInStrategy {
  private static final String FLOW_CSRF = "csrf";

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
    FormBody credentials =
        new FormBody.Builder()
            .add("username", email)
            .add("password", password.reveal())
            .add("embed", "true")
            .add("_csrf", csrf)
            .build();
    HttpReply result = post(ctx, signinUrl, credentials, "sign-in");
    HtmlPage page = new HtmlPage(result.body());
    String title = page.title();
    if (title.contains("Success")) {
      return ticket(page, embed, "sign-in");
    }
    if (title.contains("MFA")) {
      String nextCsrf = page.csrf().orElse(csrf);
      return new StrategyResult.MfaPending(
          mfaMethod(page), Map.of(FLOW_CSRF, nextCsrf, "gauthHost", gauthHost, "service", embed));
    }
    if (title.contains("Locked")) {
      throw new SignInRejectedException(
          ErrorCode.ACCOUNT_LOCKED, "Garmin reports the account as locked");
    }
    if (title.contains("Invalid") || title.contains("Account Error")) {
      throw new SignInRejectedException(
          ErrorCode.INVALID_CREDENTIALS, "Garmin did not accept the email and password");
    }
    throw unexpectedTitle(result, title, "sign-in");
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
    HttpReply result = post(ctx, url, body, "MFA verification");
    HtmlPage page = new HtmlPage(result.body());
    String title = page.title();
    if (title.contains("Success")) {
      return ticket(page, embed, "MFA verification");
    }
    if (title.contains("MFA")) {
      throw ChallengeException.invalidCode(JsonApiStrategy.ATTEMPTS_LEFT_UNKNOWN);
    }
    if (result.code() == 403 && !result.isCloudflarePage()) {
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
    if (reply.code() == 429 || reply.isCloudflarePage() || reply.isServerError()) {
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
    if (title.contains("Cloudflare")) {
      return GarminUnavailableException.rateLimited(
          what(step) + " was blocked by a Cloudflare page", reply.retryAfter().orElse(null));
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
