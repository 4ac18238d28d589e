package com.fittrack.garminauth.garmin.signin;

import com.fittrack.garminauth.garmin.GarminEndpoints;
import com.fittrack.garminauth.garmin.http.GarminHttp;
import com.fittrack.garminauth.garmin.http.HttpReply;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * What a strategy needs for one attempt: the endpoints, and an HTTP client whose cookie jar belongs
 * to this attempt only.
 */
public record SignInContext(GarminEndpoints endpoints, GarminHttp http, OkHttpClient client) {

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

  /** Sends within this attempt's cookie session; sign-in pages may be retried, posts never. */
  public HttpReply send(Request request, String what) {
    return http.send(client, request, what, "GET".equals(request.method()));
  }
}
