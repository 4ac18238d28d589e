package com.fittrack.garminauth.testkit.fakegarmin;

/** The HTML Garmin's SSO serves, reduced to what clients read: titles, forms, inline scripts. */
final class Pages {
  private Pages() {}

  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>"
        + title
        + "</title></head>\n<body>"
        + body
        + "</body></html>\n";
  }

  static String signInApp(String clientId) {
    return page(
        "Sign In",
        "<div id=\"root\" data-client-id=\""
            + clientId
            + "\"></div>"
            + "<script src=\"/mobile/sso/static/app.js\"></script>");
  }

  static String embed() {
    return page("GARMIN Authentication Application", "<div id=\"gauth-widget\"></div>");
  }

  static String signInForm(String csrf) {
    return page(
        "GARMIN Authentication Application",
        "<form method=\"post\" id=\"login-form\">"
            + "<input type=\"email\" name=\"username\"><input type=\"password\" name=\"password\">"
            + "<input type=\"hidden\" name=\"embed\" value=\"true\">"
            + "<input type=\"hidden\" name=\"_csrf\" value=\""
            + csrf
            + "\">"
            + "<button type=\"submit\">Sign In</button></form>");
  }

  static String success(String ticket) {
    return page(
        "Success",
        "<script>var response_url = \"https:\\/\\/sso.garmin.com\\/sso\\/embed?ticket="
            + ticket
            + "\";</script><p>Signed in.</p>");
  }

  static String mfa(String csrf, String method, boolean wrongCode) {
    return page(
        "GARMIN Authentication Application - Enter MFA code for login",
        (wrongCode ? "<div class=\"error\">Invalid code. Please try again.</div>" : "")
            + "<script>var mfaMethod = \""
            + method
            + "\";</script>"
            + "<form method=\"post\" id=\"mfa-code-form\">"
            + "<input type=\"text\" name=\"mfa-code\">"
            + "<input type=\"hidden\" name=\"_csrf\" value=\""
            + csrf
            + "\">"
            + "<input type=\"hidden\" name=\"fromPage\" value=\"setupEnterMfaCode\"></form>");
  }

  static String invalid() {
    return page(
        "GARMIN Authentication Application - Invalid sign in",
        "<div id=\"status\" class=\"error\">Invalid sign in. (Passwords are case sensitive.)</div>");
  }

  static String locked() {
    return page(
        "GARMIN Authentication Application - Account Locked",
        "<div class=\"error\">Your account has been locked.</div>");
  }

  static String serverError(int status) {
    String title = status == 502 ? "502 Bad Gateway" : status + " Service Unavailable";
    return page(title, "<h1>" + title + "</h1>");
  }
}
