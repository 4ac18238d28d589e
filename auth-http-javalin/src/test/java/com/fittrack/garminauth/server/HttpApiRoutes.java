package com.fittrack.garminauth.server;

import com.fittrack.garminauth.http.HttpApi;
import com.fittrack.garminauth.http.RouteSpec;
import java.util.List;

/** The route templates the server registers: the only values a metric's route tag may take. */
final class HttpApiRoutes {
  private HttpApiRoutes() {}

  static List<String> all() {
    return HttpApi.routes(false).stream().map(RouteSpec::path).distinct().toList();
  }
}
