package com.fittrack.garminauth.server;

import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.garmin.http.EgressProxy;
import com.fittrack.garminauth.garmin.http.GarminTls;
import com.fittrack.garminauth.garmin.signin.SignInPacing;
import java.net.URI;
import java.util.Optional;

/**
 * Where the Garmin client sends requests. Custom URLs are for fakes and tests only and must be
 * opted into: credentials otherwise only ever go to {@code sso.<domain>}.
 */
public record GarminSettings(
    String domain,
    Optional<URI> ssoUrl,
    Optional<URI> connectApiUrl,
    Optional<URI> diAuthUrl,
    boolean allowCustomEndpoints,
    Optional<String> oauthConsumerKey,
    Optional<Secret> oauthConsumerSecret,
    GarminSignInSettings signIn,
    GarminTls tls,
    Optional<EgressProxy> proxy,
    Optional<EgressProxy> signInProxy) {

  static GarminSettings read(EnvReader env) {
    String domain = env.string("GARMIN_AUTH_GARMIN_DOMAIN", "garmin.com");
    if (!domain.equals("garmin.com") && !domain.equals("garmin.cn")) {
      throw new ConfigException(
          "GARMIN_AUTH_GARMIN_DOMAIN", "must be garmin.com or garmin.cn (got '" + domain + "')");
    }
    Optional<URI> sso = env.httpUri("GARMIN_AUTH_GARMIN_SSO_URL");
    Optional<URI> connectApi = env.httpUri("GARMIN_AUTH_GARMIN_CONNECTAPI_URL");
    Optional<URI> diAuth = env.httpUri("GARMIN_AUTH_GARMIN_DIAUTH_URL");
    boolean allowCustom = env.bool("GARMIN_AUTH_GARMIN_ALLOW_CUSTOM_ENDPOINTS", false);
    boolean anyCustom = sso.isPresent() || connectApi.isPresent() || diAuth.isPresent();
    if (anyCustom && !allowCustom) {
      throw new ConfigException(
          "GARMIN_AUTH_GARMIN_ALLOW_CUSTOM_ENDPOINTS",
          "must be true to use GARMIN_AUTH_GARMIN_*_URL (custom Garmin URLs are for fakes and"
              + " tests)");
    }
    if (anyCustom && (sso.isEmpty() || connectApi.isEmpty() || diAuth.isEmpty())) {
      throw new ConfigException(
          sso.isEmpty()
              ? "GARMIN_AUTH_GARMIN_SSO_URL"
              : connectApi.isEmpty()
                  ? "GARMIN_AUTH_GARMIN_CONNECTAPI_URL"
                  : "GARMIN_AUTH_GARMIN_DIAUTH_URL",
          "must be set too: custom Garmin URLs are given all three or none");
    }
    Optional<String> consumerKey = env.string("GARMIN_AUTH_GARMIN_OAUTH_CONSUMER_KEY");
    Optional<Secret> consumerSecret =
        env.string("GARMIN_AUTH_GARMIN_OAUTH_CONSUMER_SECRET").map(Secret::of);
    if (consumerKey.isPresent() != consumerSecret.isPresent()) {
      throw new ConfigException(
          consumerKey.isPresent()
              ? "GARMIN_AUTH_GARMIN_OAUTH_CONSUMER_SECRET"
              : "GARMIN_AUTH_GARMIN_OAUTH_CONSUMER_KEY",
          "must be set together with its pair (or neither: no legacy OAuth1 exchange)");
    }
    return new GarminSettings(
        domain,
        sso,
        connectApi,
        diAuth,
        allowCustom,
        consumerKey,
        consumerSecret,
        GarminSignInSettings.read(env, anyCustom),
        GarminIdentitySettings.tls(env),
        GarminIdentitySettings.proxy(env, GarminIdentitySettings.PROXY),
        GarminIdentitySettings.proxy(env, GarminIdentitySettings.SIGNIN_PROXY));
  }

  /** The same settings pointed at a fake Garmin (demo mode). */
  GarminSettings pointedAt(URI sso, URI connectApi, URI diAuth, String key, Secret secret) {
    return new GarminSettings(
        domain,
        Optional.of(sso),
        Optional.of(connectApi),
        Optional.of(diAuth),
        true,
        Optional.of(key),
        Optional.of(secret),
        // The demo's fake needs no pauses; strategies and timeout stay as configured.
        new GarminSignInSettings(signIn.strategies(), SignInPacing.none(), signIn.timeout()),
        tls,
        proxy,
        signInProxy);
  }
}
