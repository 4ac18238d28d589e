package com.fittrack.garminauth.garmin.signin;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few things the widget flow reads from Garmin's HTML, by pattern rather than by parser. */
final class HtmlPage {
  private static final Pattern TITLE =
      Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern CSRF =
      Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]{1,512})\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern TICKET =
      Pattern.compile("embed\\?ticket=(ST-[A-Za-z0-9._-]{1,256})");
  private static final Pattern MFA_METHOD =
      Pattern.compile("var\\s+mfaMethod\\s*=\\s*[\"']([A-Za-z0-9_]{1,32})[\"']");

  private final String html;

  HtmlPage(String html) {
    this.html = html;
  }

  String title() {
    return find(TITLE).map(String::strip).orElse("");
  }

  Optional<String> csrf() {
    return find(CSRF);
  }

  Optional<String> ticket() {
    return find(TICKET);
  }

  Optional<String> mfaMethod() {
    return find(MFA_METHOD);
  }

  private Optional<String> find(Pattern p) {
    Matcher m = p.matcher(html);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
