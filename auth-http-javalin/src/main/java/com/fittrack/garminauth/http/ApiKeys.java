package com.fittrack.garminauth.http;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The configured API keys. Lookup compares the presented key's hash with every stored hash, without
 * stopping at the first match, so timing tells nothing about which key or how much of it matched.
 */
public final class ApiKeys {
  private final List<ApiKey> keys;

  public ApiKeys(List<ApiKey> keys) {
    var names = new HashSet<String>();
    for (ApiKey key : keys) {
      if (!names.add(key.name())) {
        throw new IllegalArgumentException("API key name '" + key.name() + "' is used twice");
      }
    }
    this.keys = List.copyOf(keys);
  }

  /** The key whose secret is {@code presented}, if any. */
  public Optional<ApiKey> authenticate(String presented) {
    if (presented == null || presented.isEmpty() || presented.length() > 512) {
      return Optional.empty();
    }
    byte[] hash = ApiKey.sha256(presented);
    ApiKey found = null;
    for (ApiKey key : keys) {
      if (key.matchesHash(hash) && found == null) {
        found = key;
      }
    }
    return Optional.ofNullable(found);
  }

  public List<ApiKey> all() {
    return keys;
  }
}
