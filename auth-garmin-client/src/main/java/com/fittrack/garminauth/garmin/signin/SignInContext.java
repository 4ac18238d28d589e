package com.fittrack.garminauth.garmin.signin;

import com.fittrack.garminauth.garmin.GarminEndpoints;
import com.fittrack.garminauth.garmin.http.GarminHttp;
import com.fittrack.garminauth.garmin.http.HttpReply;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * What a strategy needs for one attempt: the endpoints, an HTTP client whose cookie jar belongs to
 * this attempt only, and the pauses a person would make.
 */
public record SignInContext(
    GarminEndpoints endpoints, GarminHttp http, OkHttpClient client, SignInPacing pacing) {

  public SignInContext(GarminEndpoints endpoints, GarminHttp http, OkHttpClient client) {
    this(endpoints, http, client, SignInPacing.none());
  }

  /** A URL on the SSO host, the only host a strategy may send credentials to. */
  public HttpUrl.Builder sso(String path) {
    HttpUrl base = HttpUrl.get(endpoints.sso().toString());
    String joined = base.encodedPath().replaceAll("/$", "") + path;
    return base.newBuilder().encodedPath(joined.isEmpty() ? "/" : joined);
  }

  /** The SSO origin, for {@code Origin} headers. */
  public String origin() {
    return sso("").build().toString().replaceAll("/$", "");
  }

  /**
   * Sends within this attempt's cookie session. Page loads may be repeated; posts only when the
   * pooled connection they went out on turned out closed before any answer (Garmin never saw it).
   */
  public HttpReply send(Request request, String what) {
    return http.sendFollowingRedirects(
        client,
        request,
        what,
        "GET".equals(request.method())
            ? GarminHttp.Repeat.SAFE
            : GarminHttp.Repeat.ON_CLOSED_CONNECTION);
  }

  /** The pause between loading a mobile or widget sign-in page and posting to it. */
  void pauseAfterPage() {
    http.pause(pacing.page());
  }

  /** The (longer) pause of the portal page. */
  void pauseAfterPortalPage() {
    http.pause(pacing.portal());
  }
}
