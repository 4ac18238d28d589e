package com.fittrack.garminauth.garmin;

import com.fittrack.garminauth.core.domain.ValidationException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where the client talks to: the SSO host (the only place credentials are sent), the Connect API
 * host and the DI OAuth2 host. Built from a domain for real Garmin; {@link #custom} base URLs exist
 * for fakes and tests and are refused by {@link GarminClient} unless it was built with {@code
 * allowCustomEndpoints(true)}, so that a configuration mistake cannot send a password elsewhere.
 *
 * <pre>{@code
 * GarminEndpoints real = GarminEndpoints.forDomain("garmin.com");
 * GarminEndpoints fake = GarminEndpoints.custom(fakeGarmin.ssoUrl(), fakeGarmin.connectApiUrl(),
 *     fakeGarmin.diAuthUrl());
 * }</pre>
 */
public final class GarminEndpoints {
  private static final Set<String> DOMAINS = Set.of("garmin.com", "garmin.cn");

  private final String domain;
  private final URI sso;
  private final URI connectApi;
  private final URI diAuth;
  private final boolean custom;

  private GarminEndpoints(String domain, URI sso, URI connectApi, URI diAuth, boolean custom) {
    this.domain = domain;
    this.sso = withoutTrailingSlash(sso, "sso");
    this.connectApi = withoutTrailingSlash(connectApi, "connectApi");
    this.diAuth = withoutTrailingSlash(diAuth, "diAuth");
    this.custom = custom;
  }

  /** The real Garmin hosts of {@code garmin.com} (global) or {@code garmin.cn} (China). */
  public static GarminEndpoints forDomain(String domain) {
    String d = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
    if (!DOMAINS.contains(d)) {
      throw new ValidationException("domain", "must be garmin.com or garmin.cn");
    }
    return new GarminEndpoints(
        d,
        URI.create("https://sso." + d),
        URI.create("https://connectapi." + d),
        URI.create("https://diauth." + d),
        false);
  }

  /** Other base URLs (a fake Garmin); the flow still names {@code garmin.com} services. */
  public static GarminEndpoints custom(URI sso, URI connectApi, URI diAuth) {
    return custom(sso, connectApi, diAuth, "garmin.com");
  }

  /** Other base URLs, naming the services of {@code domain} in the flow parameters. */
  public static GarminEndpoints custom(URI sso, URI connectApi, URI diAuth, String domain) {
    GarminEndpoints named = forDomain(domain);
    return new GarminEndpoints(named.domain, sso, connectApi, diAuth, true);
  }

  public String domain() {
    return domain;
  }

  /** The SSO base URL, e.g. {@code https://sso.garmin.com}; the only receiver of credentials. */
  public URI sso() {
    return sso;
  }

  public URI connectApi() {
    return connectApi;
  }

  public URI diAuth() {
    return diAuth;
  }

  /** Whether these are not the hosts built from the domain. */
  public boolean isCustom() {
    return custom;
  }

  /** The service the mobile JSON API signs in for. */
  public String mobileService() {
    return "https://mobile.integration." + domain + "/gcm/android";
  }

  /** The service the portal JSON API signs in for. */
  public String portalService() {
    return "https://connect." + domain + "/app";
  }

  /** The DI grant type that turns a service ticket into tokens. */
  public String serviceTicketGrantType() {
    return "https://connectapi." + domain + "/di-oauth2-service/oauth/grant/service_ticket";
  }

  private static URI withoutTrailingSlash(URI uri, String field) {
    Objects.requireNonNull(uri, field);
    String s = uri.toString();
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new ValidationException(field, "must be an absolute http(s) URL");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ValidationException(field, "must not have a query or fragment");
    }
    return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GarminEndpoints e
        && domain.equals(e.domain)
        && sso.equals(e.sso)
        && connectApi.equals(e.connectApi)
        && diAuth.equals(e.diAuth)
        && custom == e.custom;
  }

  @Override
  public int hashCode() {
    return Objects.hash(domain, sso, connectApi, diAuth, custom);
  }

  @Override
  public String toString() {
    return "GarminEndpoints[sso=" + sso + ", connectApi=" + connectApi + ", diAuth=" + diAuth + "]";
  }
}
