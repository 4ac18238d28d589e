package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.out.AuthEventListener;
import com.fittrack.garminauth.core.application.port.out.ChallengeRepository;
import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
import com.fittrack.garminauth.core.application.port.out.GarminCooldowns;
import com.fittrack.garminauth.core.application.port.out.LoginAttemptStore;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** Wires the use cases to the ports. The facade {@code GarminAuth} is the friendly way in. */
public final class UseCases {
  private final ConnectService connect;
  private final SessionService sessions;
  private final ConnectionService connections;
  private final ConnectionRepository connectionRepository;
  private final ChallengeRepository challengeRepository;
  private final AuthPolicy policy;
  private final Clock clock;
  private final CooldownGate gate;
  private final GarminCooldowns cooldowns;
  private final CooldownKeys cooldownKeys;

  public UseCases(
      ConnectionRepository connectionRepository,
      ChallengeRepository challenges,
      GarminAuthenticator authenticator,
      Optional<LoginAttemptStore> loginAttempts,
      AuthEventListener listener,
      AuthPolicy policy,
      Clock clock,
      Sleeper sleeper) {
    this(
        connectionRepository,
        challenges,
        authenticator,
        loginAttempts,
        listener,
        policy,
        clock,
        sleeper,
        new Fleet(new InProcessGarminCooldowns(), CooldownKeys.defaults(), Optional.empty()));
  }

  /**
   * How the use cases share Garmin's pushbacks and sign-in counts with other instances: the
   * cooldown store and keys, and the secret that keys emails in the attempt counts (empty: a random
   * one, so counts add up in this process only).
   */
  public record Fleet(
      GarminCooldowns cooldowns, CooldownKeys keys, Optional<byte[]> loginKeySecret) {
    public Fleet {
      Objects.requireNonNull(cooldowns, "cooldowns");
      Objects.requireNonNull(keys, "keys");
      Objects.requireNonNull(loginKeySecret, "loginKeySecret");
    }
  }

  public UseCases(
      ConnectionRepository connectionRepository,
      ChallengeRepository challenges,
      GarminAuthenticator authenticator,
      Optional<LoginAttemptStore> loginAttempts,
      AuthEventListener listener,
      AuthPolicy policy,
      Clock clock,
      Sleeper sleeper,
      Fleet fleet) {
    Objects.requireNonNull(connectionRepository, "connections");
    Objects.requireNonNull(challenges, "challenges");
    Objects.requireNonNull(authenticator, "authenticator");
    this.connectionRepository = connectionRepository;
    this.challengeRepository = challenges;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(fleet, "fleet");
    this.cooldowns = fleet.cooldowns();
    this.cooldownKeys = fleet.keys();
    this.gate = new CooldownGate(cooldowns, policy, clock);
    LoginKeys loginKeys = fleet.loginKeySecret().map(LoginKeys::new).orElseGet(LoginKeys::random);
    Events events = new Events(listener);
    ConnectionWriter writer = new ConnectionWriter(connectionRepository, policy, sleeper, clock);
    this.connect =
        new ConnectService(
            authenticator,
            challenges,
            loginAttempts.orElseGet(InProcessLoginAttempts::new),
            writer,
            events,
            policy,
            clock,
            loginKeys,
            gate,
            cooldownKeys.signIn());
    this.sessions =
        new SessionService(
            connectionRepository,
            authenticator,
            writer,
            events,
            policy,
            clock,
            sleeper,
            gate,
            cooldownKeys.refresh());
    this.connections =
        new ConnectionService(
            connectionRepository, challenges, authenticator, writer, events, clock);
  }

  public ConnectService connect() {
    return connect;
  }

  public SessionService sessions() {
    return sessions;
  }

  public ConnectionService connections() {
    return connections;
  }

  /** A new sweeper over these use cases; the caller starts and closes it. */
  public RefreshSweeper sweeper(SweepSettings settings) {
    return new RefreshSweeper(
        connectionRepository,
        challengeRepository,
        sessions,
        settings,
        policy,
        clock,
        gate,
        cooldownKeys.refresh());
  }

  /** Garmin's pushbacks as recorded now, for health, metrics and operators. */
  public GarminCooldownAdmin cooldowns() {
    return new GarminCooldownAdmin(cooldowns, cooldownKeys, clock);
  }
}
