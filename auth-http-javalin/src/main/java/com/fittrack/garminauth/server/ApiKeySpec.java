package com.fittrack.garminauth.server;

import com.fittrack.garminauth.http.ApiKey;
import com.fittrack.garminauth.http.Scope;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Parses {@code GARMIN_AUTH_API_KEYS}: {@code name:secret:scope+scope;name2:secret2:scope}. Scope
 * names contain a colon themselves, so an entry is split at its first two colons only; the secret
 * therefore cannot contain {@code :} or {@code ;}. Errors name the entry, never its secret.
 */
final class ApiKeySpec {
  static final String VARIABLE = "GARMIN_AUTH_API_KEYS";

  private ApiKeySpec() {}

  static List<ApiKey> parse(String spec) {
    List<ApiKey> keys = new ArrayList<>();
    String[] entries = spec.split(";");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      if (entry.isEmpty()) {
        continue;
      }
      String[] parts = entry.split(":", 3);
      String where = "entry " + (i + 1);
      if (parts.length < 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
        throw new ConfigException(VARIABLE, where + " must look like name:secret:scope+scope");
      }
      String name = parts[0].strip();
      EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
      for (String scopeName : parts[2].split("\\+")) {
        Scope scope =
            Scope.fromWireName(scopeName.strip())
                .orElseThrow(
                    () ->
                        new ConfigException(
                            VARIABLE,
                            where
                                + " ('"
                                + name
                                + "') has an unknown scope '"
                                + scopeName.strip()
                                + "'; known: connections:write, connections:read,"
                                + " tokens:read, metrics:read"));
        scopes.add(scope);
      }
      try {
        keys.add(ApiKey.of(name, parts[1].strip(), scopes));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(VARIABLE, where + ": " + e.getMessage());
      }
    }
    if (keys.isEmpty()) {
      throw new ConfigException(VARIABLE, "names no key");
    }
    return keys;
  }
}
