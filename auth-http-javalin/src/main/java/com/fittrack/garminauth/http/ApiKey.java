package com.fittrack.garminauth.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A caller's API key as the server keeps it after start: its name (for logs), the SHA-256 of the
 * secret (never the secret), and its scopes. Secrets are random and long, so a plain hash is enough
 * to make a leaked heap dump useless; a slow password hash would only slow every request.
 */
public final class ApiKey {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /**
   * One digest per thread: {@code MessageDigest.getInstance} looks the provider up on every call,
   * which was a visible share of a token request's time (docs/benchmarks.md, figure 3).
   */
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
          });

  /** Short secrets are guessable; generated ones are 43 characters. */
  public static final int MIN_SECRET_LENGTH = 24;

  private final String name;
  private final byte[] secretHash;
  private final Set<Scope> scopes;

  private ApiKey(String name, byte[] secretHash, Set<Scope> scopes) {
    this.name = name;
    this.secretHash = secretHash;
    this.scopes = scopes;
  }

  /**
   * Hashes {@code secret} and forgets it.
   *
   * @throws IllegalArgumentException naming the problem (never the secret)
   */
  public static ApiKey of(String name, String secret, Set<Scope> scopes) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "an API key name must be 1-64 characters of letters, digits and . _ -");
    }
    Objects.requireNonNull(secret, "secret");
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "API key '" + name + "' is shorter than " + MIN_SECRET_LENGTH + " characters");
    }
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("API key '" + name + "' has no scope");
    }
    return new ApiKey(name, sha256(secret), Collections.unmodifiableSet(EnumSet.copyOf(scopes)));
  }

  public String name() {
    return name;
  }

  public Set<Scope> scopes() {
    return scopes;
  }

  /** Constant time in the content of the candidate: hashes first, then compares every byte. */
  boolean matchesHash(byte[] candidateHash) {
    return MessageDigest.isEqual(secretHash, candidateHash);
  }

  static byte[] sha256(String value) {
    MessageDigest digest = SHA256.get();
    digest.reset();
    return digest.digest(value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ApiKey[name=" + name + ", scopes=" + scopes + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKey other
        && name.equals(other.name)
        && Arrays.equals(secretHash, other.secretHash)
        && scopes.equals(other.scopes);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }
}
