package com.fittrack.garminauth.testkit.fakegarmin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import mockwebserver3.MockResponse;

/** The response shapes Garmin and its fronts use. */
final class Replies {
  /** Garmin's login and token answers name no charset. */
  static final String JSON = "application/json";

  static final String HTML = "text/html;charset=UTF-8";

  private Replies() {}

  static MockResponse.Builder json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", JSON).body(body);
  }

  static MockResponse.Builder json(int code, ObjectNode body) {
    return json(code, body.toString());
  }

  static MockResponse.Builder html(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", HTML).body(body);
  }

  static MockResponse.Builder text(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "text/plain;charset=utf-8")
        .body(body);
  }

  static MockResponse.Builder page(String title, String bodyHtml) {
    return html(200, Pages.page(title, bodyHtml));
  }

  /** An OAuth2 error answer. */
  static MockResponse.Builder oauthError(int code, String error, String description) {
    ObjectNode n = Incoming.JSON.createObjectNode();
    n.put("error", error);
    n.put("error_description", description);
    return json(code, n);
  }

  /** Cloudflare's rate-limit page (error 1015). */
  static MockResponse.Builder cloudflareRateLimit(Duration retryAfter) {
    return html(
            429,
            Pages.page(
                "Access denied | sso.garmin.com used Cloudflare to restrict access",
                "<h1>Error 1015</h1><p>You are being rate limited.</p><p>Cloudflare Ray ID: 8f00fake</p>"))
        .setHeader("Retry-After", Long.toString(retryAfter.toSeconds()))
        .setHeader("CF-RAY", "8f00fake-AMS");
  }

  /** Cloudflare's bot challenge page, with its real markers. */
  static MockResponse.Builder cloudflareChallenge() {
    return html(
            403,
            "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title>"
                + "<meta http-equiv=\"refresh\" content=\"390\"></head><body>"
                + "<div id=\"cf-browser-verification\" class=\"cf-im-under-attack\"></div>"
                + "<script>(function(){window._cf_chl_opt={cvId: '3'};"
                + "var a=document.createElement('script');"
                + "a.src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray=8f00fake';"
                + "window.history.replaceState(null,null,\"?__cf_chl_rt_tk=fake\");})();"
                + "</script></body></html>")
        .setHeader("CF-RAY", "8f00fake-AMS")
        .setHeader("cf-mitigated", "challenge");
  }

  /** Cloudflare's firewall refusal (error 1020): plain text, HTTP 403. */
  static MockResponse.Builder accessDenied1020() {
    return new MockResponse.Builder()
        .code(403)
        .setHeader("Content-Type", "text/plain; charset=UTF-8")
        .setHeader("CF-RAY", "8f00fake-AMS")
        .body("error code: 1020");
  }

  static MockResponse.Builder notFound() {
    return html(404, Pages.page("404 Not Found", "<h1>Not Found</h1>"));
  }

  static MockResponse.Builder methodNotAllowed() {
    return html(405, Pages.page("405 Method Not Allowed", "<h1>Method Not Allowed</h1>"));
  }
}
