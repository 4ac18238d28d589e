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
  private static final Pattern STATUS =
      Pattern.compile("var\\s+status\\s*=\\s*[\"']([A-Za-z0-9_]{1,64})[\"']");
  private static final Pattern CUSTOMER_GUID =
      Pattern.compile("var\\s+customerGuid\\s*=\\s*[\"']([A-Za-z0-9-]{1,64})[\"']");
  private static final Pattern CLIENT_ID =
      Pattern.compile("var\\s+clientId\\s*=\\s*[\"']([A-Za-z0-9_]{1,64})[\"']");
  // A masked address or number ("mt*****@...", "***-***-0042"): the page says where the code went.
  private static final Pattern MASKED_DESTINATION =
      Pattern.compile("[A-Za-z0-9]\\*{3,}[^\\s<\"]*@|\\*{3}-\\*{3}-\\d{2,4}|\\+?\\*+\\d{2,4}\\b");

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

  /** The inline {@code var status = "..."} of result pages ({@code FAIL} for a wrong password). */
  Optional<String> status() {
    return find(STATUS);
  }

  Optional<String> customerGuid() {
    return find(CUSTOMER_GUID);
  }

  Optional<String> clientId() {
    return find(CLIENT_ID);
  }

  /** Whether the page shows where an MFA code was sent. */
  boolean namesCodeDestination() {
    return MASKED_DESTINATION.matcher(html).find();
  }

  private Optional<String> find(Pattern p) {
    Matcher m = p.matcher(html);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
