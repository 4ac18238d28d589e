package com.fittrack.garminauth.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;

/**
 * What the server does below Javalin's routes: method-override headers hidden, Jetty's error pages
 * replaced by problem documents, and the request-metric tags kept to fixed sets.
 */
final class JettyHardening {
  /** The method tag values; anything else is counted as {@code other}. */
  static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

  private JettyHardening() {}

  static void apply(JavalinConfig config, ObjectMapper mapper) {
    ProblemErrorHandler errors = new ProblemErrorHandler(mapper);
    config.jetty.modifyServer(server -> server.setErrorHandler(errors));
    config.jetty.modifyServletContextHandler(
        context -> {
          context.setErrorHandler(errors);
          context.addFilter(
              new FilterHolder(new MethodOverrideFilter()),
              "/*",
              EnumSet.of(DispatcherType.REQUEST));
        });
  }

  /** The request line's method when it is a standard one, else {@code other}: a bounded tag. */
  static String methodTag(String requestMethod) {
    String upper = requestMethod == null ? "" : requestMethod.toUpperCase(Locale.ROOT);
    return KNOWN_METHODS.contains(upper) && upper.equals(requestMethod) ? upper : "other";
  }
}
