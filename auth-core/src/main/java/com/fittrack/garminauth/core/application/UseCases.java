package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.out.AuthEventListener;
import com.fittrack.garminauth.core.application.port.out.ChallengeRepository;
import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
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

  public UseCases(
      ConnectionRepository connectionRepository,
      ChallengeRepository challenges,
      GarminAuthenticator authenticator,
      Optional<LoginAttemptStore> loginAttempts,
      AuthEventListener listener,
      AuthPolicy policy,
      Clock clock,
      Sleeper sleeper) {
    Objects.requireNonNull(connectionRepository, "connections");
    Objects.requireNonNull(challenges, "challenges");
    Objects.requireNonNull(authenticator, "authenticator");
    this.connectionRepository = connectionRepository;
    this.challengeRepository = challenges;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
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
            clock);
    this.sessions =
        new SessionService(
            connectionRepository, authenticator, writer, events, policy, clock, sleeper);
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
        connectionRepository, challengeRepository, sessions, settings, policy, clock);
  }
}
