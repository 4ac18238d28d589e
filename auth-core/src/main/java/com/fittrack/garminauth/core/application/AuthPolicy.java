package com.fittrack.garminauth.core.application;

import java.time.Duration;
import java.util.Objects;

/**
 * The tunable rules of the use cases. Defaults: refresh 5 minutes before expiry; a refresh lease of
 * 30 seconds; losers wait up to 35 seconds for the winner; MFA challenges live 10 minutes and take
 * 5 codes; a refreshed token whose write fails is written again up to 5 times; a forced refresh
 * needs a token at least 30 seconds old; a Garmin pushback without Retry-After cools down for 1
 * minute, doubling to 30.
 *
 * <pre>{@code
 * AuthPolicy policy = AuthPolicy.defaults().toBuilder().refreshMargin(Duration.ofMinutes(2)).build();
 * }</pre>
 *
 * <p>The lease must outlast the Garmin client's whole call timeout: a holder whose lease ran out
 * while Garmin was still answering may see another worker present the same refresh token.
 */
public record AuthPolicy(
    Duration refreshMargin,
    Duration refreshLease,
    Duration leaseWait,
    Duration leasePollInterval,
    Duration challengeTtl,
    int maxMfaAttempts,
    Duration mfaAttemptLock,
    int storeRetries,
    Duration storeRetryBackoff,
    int loginAttemptsPerWindow,
    Duration loginAttemptWindow,
    Duration forcedRefreshFloor,
    Duration cooldownBase,
    Duration cooldownMax,
    int loginAttemptsPerEmail) {

  public AuthPolicy {
    positive("refreshMargin", refreshMargin);
    positive("refreshLease", refreshLease);
    positive("leaseWait", leaseWait);
    positive("leasePollInterval", leasePollInterval);
    positive("challengeTtl", challengeTtl);
    positive("mfaAttemptLock", mfaAttemptLock);
    positive("storeRetryBackoff", storeRetryBackoff);
    if (maxMfaAttempts < 1 || maxMfaAttempts > 20) {
      throw new IllegalArgumentException("maxMfaAttempts must be 1-20");
    }
    positive("loginAttemptWindow", loginAttemptWindow);
    if (loginAttemptsPerWindow < 1) {
      throw new IllegalArgumentException("loginAttemptsPerWindow must be at least 1");
    }
    if (storeRetries < 0 || storeRetries > 20) {
      throw new IllegalArgumentException("storeRetries must be 0-20");
    }
    Objects.requireNonNull(forcedRefreshFloor, "forcedRefreshFloor");
    if (forcedRefreshFloor.isNegative()) {
      throw new IllegalArgumentException("forcedRefreshFloor must not be negative");
    }
    positive("cooldownBase", cooldownBase);
    positive("cooldownMax", cooldownMax);
    if (cooldownMax.compareTo(cooldownBase) < 0) {
      throw new IllegalArgumentException("cooldownMax must be at least cooldownBase");
    }
    if (loginAttemptsPerEmail < 1) {
      throw new IllegalArgumentException("loginAttemptsPerEmail must be at least 1");
    }
  }

  public static AuthPolicy defaults() {
    return new AuthPolicy(
        Duration.ofMinutes(5),
        Duration.ofSeconds(30),
        Duration.ofSeconds(35),
        Duration.ofMillis(50),
        Duration.ofMinutes(10),
        5,
        Duration.ofSeconds(60),
        5,
        Duration.ofMillis(200),
        5,
        Duration.ofMinutes(15),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(30),
        5);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  /** Changes some settings of a policy. */
  public static final class Builder {
    private Duration refreshMargin;
    private Duration refreshLease;
    private Duration leaseWait;
    private Duration leasePollInterval;
    private Duration challengeTtl;
    private int maxMfaAttempts;
    private Duration mfaAttemptLock;
    private int storeRetries;
    private Duration storeRetryBackoff;
    private int loginAttemptsPerWindow;
    private Duration loginAttemptWindow;
    private Duration forcedRefreshFloor;
    private Duration cooldownBase;
    private Duration cooldownMax;
    private int loginAttemptsPerEmail;

    private Builder(AuthPolicy p) {
      refreshMargin = p.refreshMargin;
      refreshLease = p.refreshLease;
      leaseWait = p.leaseWait;
      leasePollInterval = p.leasePollInterval;
      challengeTtl = p.challengeTtl;
      maxMfaAttempts = p.maxMfaAttempts;
      mfaAttemptLock = p.mfaAttemptLock;
      storeRetries = p.storeRetries;
      storeRetryBackoff = p.storeRetryBackoff;
      loginAttemptsPerWindow = p.loginAttemptsPerWindow;
      loginAttemptWindow = p.loginAttemptWindow;
      forcedRefreshFloor = p.forcedRefreshFloor;
      cooldownBase = p.cooldownBase;
      cooldownMax = p.cooldownMax;
      loginAttemptsPerEmail = p.loginAttemptsPerEmail;
    }

    public Builder refreshMargin(Duration v) {
      refreshMargin = v;
      return this;
    }

    public Builder refreshLease(Duration v) {
      refreshLease = v;
      return this;
    }

    public Builder leaseWait(Duration v) {
      leaseWait = v;
      return this;
    }

    public Builder leasePollInterval(Duration v) {
      leasePollInterval = v;
      return this;
    }

    public Builder challengeTtl(Duration v) {
      challengeTtl = v;
      return this;
    }

    public Builder maxMfaAttempts(int v) {
      maxMfaAttempts = v;
      return this;
    }

    public Builder mfaAttemptLock(Duration v) {
      mfaAttemptLock = v;
      return this;
    }

    public Builder storeRetries(int v) {
      storeRetries = v;
      return this;
    }

    public Builder storeRetryBackoff(Duration v) {
      storeRetryBackoff = v;
      return this;
    }

    public Builder loginAttemptsPerWindow(int v) {
      loginAttemptsPerWindow = v;
      return this;
    }

    public Builder loginAttemptWindow(Duration v) {
      loginAttemptWindow = v;
      return this;
    }

    /** A forced refresh of a token younger than this is refused (0: no floor). */
    public Builder forcedRefreshFloor(Duration v) {
      forcedRefreshFloor = v;
      return this;
    }

    /** The first cooldown after a pushback without Retry-After; doubles per strike. */
    public Builder cooldownBase(Duration v) {
      cooldownBase = v;
      return this;
    }

    /** The longest cooldown the backoff reaches. */
    public Builder cooldownMax(Duration v) {
      cooldownMax = v;
      return this;
    }

    /** Sign-ins per Garmin email per window, whatever the user id. */
    public Builder loginAttemptsPerEmail(int v) {
      loginAttemptsPerEmail = v;
      return this;
    }

    public AuthPolicy build() {
      return new AuthPolicy(
          refreshMargin,
          refreshLease,
          leaseWait,
          leasePollInterval,
          challengeTtl,
          maxMfaAttempts,
          mfaAttemptLock,
          storeRetries,
          storeRetryBackoff,
          loginAttemptsPerWindow,
          loginAttemptWindow,
          forcedRefreshFloor,
          cooldownBase,
          cooldownMax,
          loginAttemptsPerEmail);
    }
  }
}
