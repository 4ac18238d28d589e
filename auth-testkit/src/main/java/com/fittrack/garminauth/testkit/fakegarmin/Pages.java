package com.fittrack.garminauth.testkit.fakegarmin;

/**
 * The HTML Garmin's SSO serves, reduced to what clients read: titles, forms, inline scripts. Kept
 * as untidy as the recorded pages (runs of spaces and tabs inside tags and assignments), and every
 * sign-in page carries the 2026 front's {@code isCloudflareHeaderNeedsConsent} text, so that a
 * client reading HTML loosely or treating the word "cloudflare" as a block fails here too.
 */
final class Pages {
  static final String APP_TITLE = "GARMIN Authentication Application";

  /** Inline script of Garmin's normal 2026 pages; it names Cloudflare without being a block. */
  static final String CONSENT_SCRIPT =
      "<script>\n  var isCloudflareHeaderNeedsConsent  = false;\n</script>";

  private Pages() {}

  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        + "    <title>"
        + title
        + "</title>\n"
        + CONSENT_SCRIPT
        + "\n</head>\n<body>"
        + body
        + "</body></html>\n";
  }

  static String signInApp(String clientId) {
    return page(
        "Garmin SSO Portal",
        "<div id=\"root\" data-client-id=\""
            + clientId
            + "\"></div>"
            + "<script src=\"/mobile/sso/static/app.js\"></script>");
  }

  static String embed() {
    return page("GAuth Embedded Version", "<div id=\"gauth-widget\"></div>");
  }

  private static String csrfInput(String csrf) {
    return "<input type=\"hidden\" name=\"_csrf\"            value=\"" + csrf + "\" />";
  }

  static String signInForm(String csrf) {
    return page(
        APP_TITLE,
        "<form method=\"post\" id=\"login-form\">\n"
            + "<input type=\"email\" name=\"username\"><input type=\"password\" name=\"password\">"
            + "<input type=\"hidden\" name=\"embed\" value=\"true\">\n\t"
            + csrfInput(csrf)
            + "<button type=\"submit\">Sign In</button></form>");
  }

  static String success(String ticket) {
    return page(
        "Success",
        "<script>var response_url                 \t  = "
            + "\"https:\\/\\/sso.garmin.com\\/sso\\/embed?ticket="
            + ticket
            + "\";</script><p>Signed in.</p>");
  }

  /**
   * The widget's MFA page. {@code sms}: the classic page, titled {@code Enter MFA code for login},
   * saying where the code went. Email (2026): titled like every other page, only {@code var
   * mfaMethod} tells it apart, and it does not say where the code went. {@code wrongCode}: the
   * answer to a wrong code, which (as recorded) carries an error and an empty {@code _csrf}.
   */
  static String mfa(
      String csrf, String method, String customerGuid, String maskedTo, boolean wrongCode) {
    boolean email = method.equals("email");
    return page(
        email ? APP_TITLE : "Enter MFA code for login",
        (wrongCode
                ? "<div id=\"invalidCode\" class=\"error\">Invalid code. Please enter a valid"
                    + " code.</div>"
                : "")
            + "<script>\n    var mfaMethod                 \t  = \""
            + method
            + "\";\n    var customerGuid   = \""
            + customerGuid
            + "\";\n</script>"
            + (email ? "" : "<p>We sent a code to " + maskedTo + ".</p>")
            + "<form method=\"post\" id=\"mfa-code-form\">"
            + "<input type=\"text\" name=\"mfa-code\">"
            + csrfInput(csrf)
            + "<input type=\"hidden\" name=\"fromPage\" value=\"setupEnterMfaCode\"></form>");
  }

  /** A wrong password: HTTP 401 with this page. No "Invalid" in the title; a fresh CSRF token. */
  static String failed(String csrf) {
    return page(
        APP_TITLE,
        "<script>\n    var status                 \t  = \"FAIL\";\n</script>"
            + "<form method=\"post\" id=\"login-form\">"
            + "<input type=\"email\" name=\"username\"><input type=\"password\" name=\"password\">"
            + csrfInput(csrf)
            + "</form>");
  }

  static String locked() {
    return page(
        APP_TITLE + " - Account Locked",
        "<script>var status = \"ACCOUNT_LOCKED\";</script>"
            + "<div class=\"error\">Your account has been locked.</div>");
  }

  static String serverError(int status) {
    String title = status == 502 ? "502 Bad Gateway" : status + " Service Unavailable";
    return "<html><head><title>" + title + "</title></head><body><h1>" + title + "</h1></body>";
  }
}
