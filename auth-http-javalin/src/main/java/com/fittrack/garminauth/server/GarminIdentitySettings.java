package com.fittrack.garminauth.server;

import com.fittrack.garminauth.core.domain.ValidationException;
import com.fittrack.garminauth.garmin.GarminClient;
import com.fittrack.garminauth.garmin.http.EgressProxy;
import com.fittrack.garminauth.garmin.http.GarminTls;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the server looks to Garmin (ADR 0212): the TLS stack and the egress proxies, read from their
 * variables, applied to the Garmin client, and described for /health/ready and the metrics.
 */
final class GarminIdentitySettings {
  static final String TLS = "GARMIN_AUTH_GARMIN_TLS";
  static final String PROXY = "GARMIN_AUTH_GARMIN_PROXY";
  static final String SIGNIN_PROXY = "GARMIN_AUTH_GARMIN_SIGNIN_PROXY";

  private GarminIdentitySettings() {}

  static GarminTls tls(EnvReader env) {
    Optional<String> raw = env.string(TLS);
    if (raw.isEmpty()) {
      return GarminTls.AUTO;
    }
    return GarminTls.parse(raw.get())
        .orElseThrow(
            () ->
                new ConfigException(
                    TLS, "must be auto, conscrypt or jdk (got '" + raw.get() + "')"));
  }

  /** A proxy URL; a bad one names the variable, never its value (it may hold a password). */
  static Optional<EgressProxy> proxy(EnvReader env, String variable) {
    try {
      return env.string(variable).map(EgressProxy::parse);
    } catch (ValidationException e) {
      throw new ConfigException(variable, e.getMessage().substring(e.field().length() + 2));
    }
  }

  /** Applies the settings; {@code conscrypt} without Conscrypt stops the start naming TLS. */
  static GarminClient build(GarminClient.Builder client, GarminSettings garmin) {
    client.tls(garmin.tls());
    garmin.proxy().ifPresent(client::egressProxy);
    garmin.signInProxy().ifPresent(client::signInProxy);
    try {
      return client.build();
    } catch (IllegalStateException e) {
      if (garmin.tls() == GarminTls.CONSCRYPT) {
        throw new ConfigException(TLS, e.getMessage());
      }
      throw e;
    }
  }

  /**
   * What /health/ready and the identity gauge show: the TLS stack in use ({@code conscrypt} or
   * {@code jdk}) and the kind of egress ({@code direct}, {@code http}, {@code socks5}); never a
   * proxy's address or credentials.
   */
  static Map<String, String> describe(GarminClient client, GarminSettings garmin) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("garminTls", client.tlsIdentity().wireName());
    details.put("garminEgress", egress(garmin.proxy()));
    details.put("garminSignInEgress", egress(garmin.signInProxy().or(garmin::proxy)));
    return Map.copyOf(details);
  }

  private static String egress(Optional<EgressProxy> proxy) {
    return proxy.map(p -> p.kind() == EgressProxy.Kind.HTTP ? "http" : "socks5").orElse("direct");
  }
}
