package com.fittrack.garminauth.http;

import com.fittrack.garminauth.core.application.port.in.AccessToken;
import com.fittrack.garminauth.core.application.port.in.CompleteMfaCommand;
import com.fittrack.garminauth.core.application.port.in.ConnectGarminAccount;
import com.fittrack.garminauth.core.application.port.in.ConnectionStatusQuery;
import com.fittrack.garminauth.core.application.port.in.ConnectionSummary;
import com.fittrack.garminauth.core.application.port.in.DisconnectGarminAccount;
import com.fittrack.garminauth.core.application.port.in.GarminSessions;
import com.fittrack.garminauth.core.application.port.in.LoginCommand;
import com.fittrack.garminauth.core.application.port.in.LoginResult;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.CredentialType;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Use-case doubles for the HTTP tests: each answer is a function a test sets, and every call is
 * recorded, so tests can assert both what the API answered and what it asked of the core.
 */
public final class StubUseCases
    implements ConnectGarminAccount,
        GarminSessions,
        ConnectionStatusQuery,
        DisconnectGarminAccount {
  static final Instant NOW = Instant.parse("2026-11-26T07:00:00Z");

  final List<Object> calls = new ArrayList<>();
  volatile Function<LoginCommand, LoginResult> login =
      c -> new LoginResult.Connected(summary(c.userId()));
  volatile Function<CompleteMfaCommand, ConnectionSummary> mfa = c -> summary(c.userId());
  volatile Function<UserId, Optional<ConnectionSummary>> status = u -> Optional.of(summary(u));
  public volatile Function<UserId, AccessToken> token =
      u ->
          new AccessToken(
              com.fittrack.garminauth.core.domain.Secret.of("jwt-" + u), NOW.plusSeconds(3600));
  volatile Function<UserId, Boolean> disconnect = u -> true;
  volatile SessionImporter importer = (u, f, d) -> summary(u);

  static ConnectionSummary summary(UserId userId) {
    return new ConnectionSummary(
        userId,
        ConnectionStatus.CONNECTED,
        CredentialType.DI_OAUTH2,
        Optional.of("Demo Runner"),
        NOW,
        Optional.empty(),
        NOW.plusSeconds(3600),
        Optional.of(NOW.plusSeconds(86400)),
        Optional.empty());
  }

  public UseCases useCases() {
    return new UseCases(
        this,
        this,
        this,
        this,
        (u, f, d) -> {
          calls.add("import " + u + " " + f.orElse("-"));
          return importer.importSession(u, f, d);
        });
  }

  @Override
  public LoginResult login(LoginCommand command) {
    calls.add(command);
    return login.apply(command);
  }

  @Override
  public ConnectionSummary completeMfa(CompleteMfaCommand command) {
    calls.add(command);
    return mfa.apply(command);
  }

  @Override
  public AccessToken accessToken(UserId userId) {
    calls.add("token " + userId);
    return token.apply(userId);
  }

  @Override
  public AccessToken refreshAfterRejection(UserId userId, String rejectedToken) {
    calls.add("refresh after rejection " + userId);
    return new AccessToken(
        com.fittrack.garminauth.core.domain.Secret.of("fresh-" + rejectedToken),
        NOW.plusSeconds(3600));
  }

  @Override
  public Optional<ConnectionSummary> status(UserId userId) {
    calls.add("status " + userId);
    return status.apply(userId);
  }

  @Override
  public boolean disconnect(UserId userId) {
    calls.add("disconnect " + userId);
    return disconnect.apply(userId);
  }
}
