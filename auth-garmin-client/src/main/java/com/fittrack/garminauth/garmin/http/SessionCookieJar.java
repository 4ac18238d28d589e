package com.fittrack.garminauth.garmin.http;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;

/**
 * The cookies of one sign-in attempt. Never shared between users or attempts; exported into the MFA
 * resume state (the cookie session is what ties the code to the login) and imported by whichever
 * process finishes it.
 */
public final class SessionCookieJar implements CookieJar {
  private final Clock clock;
  private final List<Cookie> cookies = new ArrayList<>();

  public SessionCookieJar(Clock clock) {
    this.clock = clock;
  }

  /** A jar holding {@code restored} (from a resume state). */
  public SessionCookieJar(Clock clock, List<Cookie> restored) {
    this(clock);
    cookies.addAll(restored);
  }

  @Override
  public synchronized void saveFromResponse(HttpUrl url, List<Cookie> received) {
    for (Cookie cookie : received) {
      cookies.removeIf(
          c ->
              c.name().equals(cookie.name())
                  && c.domain().equals(cookie.domain())
                  && c.path().equals(cookie.path()));
      if (cookie.expiresAt() > clock.millis()) {
        cookies.add(cookie);
      }
    }
  }

  @Override
  public synchronized List<Cookie> loadForRequest(HttpUrl url) {
    long now = clock.millis();
    List<Cookie> matching = new ArrayList<>();
    for (Cookie c : cookies) {
      if (c.expiresAt() > now && c.matches(url)) {
        matching.add(c);
      }
    }
    return matching;
  }

  /** A copy of the live cookies, for the resume state. */
  public synchronized List<Cookie> snapshot() {
    long now = clock.millis();
    return cookies.stream().filter(c -> c.expiresAt() > now).toList();
  }
}
