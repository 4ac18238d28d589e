package com.fittrack.garminauth.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Typed reads of {@code GARMIN_AUTH_*} variables; every failure names the variable. */
final class EnvReader {
  private final Map<String, String> env;
  private final Set<String> asked = new TreeSet<>();

  EnvReader(Map<String, String> env) {
    this.env = env;
  }

  /** Every variable name read so far: the configuration surface, for docs and typo warnings. */
  Set<String> asked() {
    return asked;
  }

  /** The trimmed value; empty when unset or blank (a blank variable means "use the default"). */
  Optional<String> string(String name) {
    asked.add(name);
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.strip());
  }

  String string(String name, String defaultValue) {
    return string(name).orElse(defaultValue);
  }

  int integer(String name, int defaultValue, int min, int max) {
    Optional<String> raw = string(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        throw new ConfigException(
            name, "must be between " + min + " and " + max + " (got " + value + ")");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "must be a whole number (got '" + raw.get() + "')");
    }
  }

  Duration seconds(String name, Duration defaultValue, int min, int max) {
    return Duration.ofSeconds(integer(name, (int) defaultValue.toSeconds(), min, max));
  }

  boolean bool(String name, boolean defaultValue) {
    Optional<String> raw = string(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(name, "must be true or false (got '" + raw.get() + "')");
    };
  }

  Optional<URI> httpUri(String name) {
    Optional<String> raw = string(name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(raw.get());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new ConfigException(name, "must be an http(s) URL (got '" + raw.get() + "')");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw new ConfigException(name, "must be an http(s) URL (got '" + raw.get() + "')");
    }
  }
}
