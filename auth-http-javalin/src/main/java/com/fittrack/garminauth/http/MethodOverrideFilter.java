package com.fittrack.garminauth.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

/**
 * Hides the method-override headers from everything behind it. Javalin's {@code Context.method()}
 * honours {@code X-HTTP-Method-Override} on every request and has no switch to turn that off, so a
 * GET carrying {@code X-HTTP-Method-Override: DELETE} would be routed as a DELETE. The method is
 * the one on the request line, always.
 */
final class MethodOverrideFilter implements Filter {
  static final Set<String> HIDDEN =
      Set.of("x-http-method-override", "x-http-method", "x-method-override");

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http && carriesOverride(http)) {
      chain.doFilter(new WithoutOverride(http), response);
    } else {
      chain.doFilter(request, response);
    }
  }

  private static boolean carriesOverride(HttpServletRequest request) {
    for (String name : HIDDEN) {
      if (request.getHeader(name) != null) {
        return true;
      }
    }
    return false;
  }

  private static boolean hidden(String name) {
    return name != null && HIDDEN.contains(name.toLowerCase(Locale.ROOT));
  }

  private static final class WithoutOverride extends HttpServletRequestWrapper {
    WithoutOverride(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getHeader(String name) {
      return hidden(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      return Collections.enumeration(
          Collections.list(super.getHeaderNames()).stream().filter(n -> !hidden(n)).toList());
    }
  }
}
