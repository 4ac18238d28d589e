package com.fittrack.garminauth.core;

import com.fittrack.garminauth.core.application.AuthPolicy;
import com.fittrack.garminauth.core.application.CooldownKeys;
import com.fittrack.garminauth.core.application.GarminCooldownAdmin;
import com.fittrack.garminauth.core.application.InProcessGarminCooldowns;
import com.fittrack.garminauth.core.application.RefreshSweeper;
import com.fittrack.garminauth.core.application.Sleeper;
import com.fittrack.garminauth.core.application.SweepSettings;
import com.fittrack.garminauth.core.application.UseCases;
import com.fittrack.garminauth.core.application.port.in.AccessToken;
import com.fittrack.garminauth.core.application.port.in.CompleteMfaCommand;
import com.fittrack.garminauth.core.application.port.in.ConnectGarminAccount;
import com.fittrack.garminauth.core.application.port.in.ConnectionStatusQuery;
import com.fittrack.garminauth.core.application.port.in.ConnectionSummary;
import com.fittrack.garminauth.core.application.port.in.DisconnectGarminAccount;
import com.fittrack.garminauth.core.application.port.in.GarminSessions;
import com.fittrack.garminauth.core.application.port.in.ImportGarminSession;
import com.fittrack.garminauth.core.application.port.in.LoginCommand;
import com.fittrack.garminauth.core.application.port.in.LoginResult;
import com.fittrack.garminauth.core.application.port.in.ManageGarminCooldowns;
import com.fittrack.garminauth.core.application.port.out.AuthEventListener;
import com.fittrack.garminauth.core.application.port.out.ChallengeRepository;
import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
import com.fittrack.garminauth.core.application.port.out.GarminCooldowns;
import com.fittrack.garminauth.core.application.port.out.LoginAttemptStore;
import com.fittrack.garminauth.core.domain.GarminCooldown;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What an embedding service sees of garmin-auth: every use case behind one object.
 *
 * <pre>{@code
 * GarminAuth auth = GarminAuth.builder()
 *     .connections(database.connections())
 *     .challenges(database.challenges())
 *     .authenticator(garminClient)
 *     .build();
 * LoginResult result = auth.login(LoginCommand.of("user-42", email, password));
 * AccessToken token = auth.accessToken(UserId.of("user-42"));
 * }</pre>
 *
 * <p>Thread-safe; build one per process and share it.
 */
public final class GarminAuth
    implements ConnectGarminAccount,
        GarminSessions,
        ConnectionStatusQuery,
        DisconnectGarminAccount,
        ImportGarminSession,
        ManageGarminCooldowns {

  private final UseCases useCases;

  private GarminAuth(UseCases useCases) {
    this.useCases = useCases;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public LoginResult login(LoginCommand command) {
    return useCases.connect().login(command);
  }

  @Override
  public ConnectionSummary completeMfa(CompleteMfaCommand command) {
    return useCases.connect().completeMfa(command);
  }

  @Override
  public AccessToken accessToken(UserId userId) {
    return useCases.sessions().accessToken(userId);
  }

  @Override
  public AccessToken refreshAfterRejection(UserId userId, String rejectedToken) {
    return useCases.sessions().refreshAfterRejection(userId, rejectedToken);
  }

  @Override
  public Optional<ConnectionSummary> status(UserId userId) {
    return useCases.connections().status(userId);
  }

  @Override
  public boolean disconnect(UserId userId) {
    return useCases.connections().disconnect(userId);
  }

  @Override
  public ConnectionSummary importSession(UserId userId, GarminCredentials credentials) {
    return useCases.connections().importSession(userId, credentials);
  }

  /** The token-reading side alone, for code that should not sign anyone in. */
  public GarminSessions sessions() {
    return useCases.sessions();
  }

  @Override
  public List<GarminCooldown> cooldowns() {
    return useCases.cooldowns().cooldowns();
  }

  @Override
  public java.time.Instant now() {
    return useCases.cooldowns().now();
  }

  @Override
  public boolean clearCooldown(String key) {
    return useCases.cooldowns().clearCooldown(key);
  }

  /** The cooldown store as the operator sees it (keys in use, active count). */
  public GarminCooldownAdmin cooldownAdmin() {
    return useCases.cooldowns();
  }

  /** A proactive refresh sweeper; call {@code start()} and {@code close()} on it. */
  public RefreshSweeper sweeper(SweepSettings settings) {
    return useCases.sweeper(settings);
  }

  /** Collects the ports; {@link #build()} checks that the required ones are there. */
  public static final class Builder {
    private ConnectionRepository connections;
    private ChallengeRepository challenges;
    private GarminAuthenticator authenticator;
    private LoginAttemptStore loginAttempts;
    private AuthEventListener listener = AuthEventListener.NONE;
    private AuthPolicy policy = AuthPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private GarminCooldowns cooldowns = new InProcessGarminCooldowns();
    private CooldownKeys cooldownKeys = CooldownKeys.defaults();
    private byte[] loginKeySecret;

    private Builder() {}

    /**
     * Where Garmin's pushbacks (429, block pages, captchas) are remembered. Default: in this
     * process only; give the database's store when several instances call Garmin.
     */
    public Builder cooldowns(GarminCooldowns cooldowns) {
      this.cooldowns = cooldowns;
      return this;
    }

    /** The Garmin hosts and egress the cooldowns are kept per (default: garmin.com, direct). */
    public Builder cooldownKeys(CooldownKeys cooldownKeys) {
      this.cooldownKeys = cooldownKeys;
      return this;
    }

    /**
     * The secret that keys Garmin emails in the sign-in attempt counts (at least 16 bytes; the same
     * on every instance). Default: a random one, so per-email counts hold in this process only.
     */
    public Builder loginKeySecret(byte[] secret) {
      this.loginKeySecret = secret == null ? null : secret.clone();
      return this;
    }

    /** Required: where connections are stored. */
    public Builder connections(ConnectionRepository connections) {
      this.connections = connections;
      return this;
    }

    /** Required: where MFA challenges are stored. */
    public Builder challenges(ChallengeRepository challenges) {
      this.challenges = challenges;
      return this;
    }

    /** Required: how Garmin is asked. */
    public Builder authenticator(GarminAuthenticator authenticator) {
      this.authenticator = authenticator;
      return this;
    }

    /**
     * Where sign-in attempts are counted. Default: in this process only; give the database's store
     * when several instances serve sign-ins.
     */
    public Builder loginAttempts(LoginAttemptStore loginAttempts) {
      this.loginAttempts = loginAttempts;
      return this;
    }

    public Builder listener(AuthEventListener listener) {
      this.listener = listener;
      return this;
    }

    public Builder policy(AuthPolicy policy) {
      this.policy = policy;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How waits are made (tests may replace real sleeping). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public GarminAuth build() {
      requireSet("connections", connections);
      requireSet("challenges", challenges);
      requireSet("authenticator", authenticator);
      requireSet("listener", listener);
      requireSet("policy", policy);
      requireSet("clock", clock);
      requireSet("sleeper", sleeper);
      requireSet("cooldowns", cooldowns);
      requireSet("cooldownKeys", cooldownKeys);
      return new GarminAuth(
          new UseCases(
              connections,
              challenges,
              authenticator,
              Optional.ofNullable(loginAttempts),
              listener,
              policy,
              clock,
              sleeper,
              new UseCases.Fleet(cooldowns, cooldownKeys, Optional.ofNullable(loginKeySecret))));
    }

    private static void requireSet(String name, Object value) {
      if (value == null) {
        throw new IllegalStateException("GarminAuth.builder(): " + name + " is required");
      }
    }
  }
}
