package com.fittrack.garminauth.testkit.fakegarmin;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Garmin account FakeGarmin knows: its password, whether sign-in asks for an MFA code (sent by
 * {@code email} or {@code sms}; the fake does not send anything, the code is fixed here), whether
 * it is locked, and the profile it shows.
 *
 * <pre>{@code
 * FakeAccount.plain("demo@example.com", "demo-password");
 * FakeAccount.withMfa("mfa@example.com", "demo-password", "sms", "654321");
 * FakeAccount.locked("locked@example.com", "demo-password");
 * }</pre>
 */
public record FakeAccount(
    String email,
    String password,
    Optional<String> mfaMethod,
    Optional<String> mfaCode,
    boolean locked,
    String displayName,
    long profileId) {

  public FakeAccount {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(mfaMethod, "mfaMethod");
    Objects.requireNonNull(mfaCode, "mfaCode");
    Objects.requireNonNull(displayName, "displayName");
    email = email.toLowerCase(Locale.ROOT);
    if (mfaMethod.isPresent() != mfaCode.isPresent()) {
      throw new IllegalArgumentException("an MFA account needs both a method and a code");
    }
  }

  public static FakeAccount plain(String email, String password) {
    return new FakeAccount(
        email, password, Optional.empty(), Optional.empty(), false, nameOf(email), idOf(email));
  }

  /** An account whose sign-in asks for {@code code}, sent by {@code method} (email, sms, ...). */
  public static FakeAccount withMfa(String email, String password, String method, String code) {
    return new FakeAccount(
        email, password, Optional.of(method), Optional.of(code), false, nameOf(email), idOf(email));
  }

  /** An account Garmin has locked: even the right password is refused. */
  public static FakeAccount locked(String email, String password) {
    return new FakeAccount(
        email, password, Optional.empty(), Optional.empty(), true, nameOf(email), idOf(email));
  }

  public boolean hasMfa() {
    return mfaMethod.isPresent();
  }

  private static String nameOf(String email) {
    int at = email.indexOf('@');
    return at > 0 ? email.substring(0, at) : email;
  }

  private static long idOf(String email) {
    return 10_000_000L + Math.floorMod(email.toLowerCase(Locale.ROOT).hashCode(), 89_999_999);
  }

  @Override
  public String toString() {
    return "FakeAccount["
        + email
        + (hasMfa() ? ", mfa=" + mfaMethod.get() : "")
        + (locked ? ", locked" : "")
        + "]";
  }
}
