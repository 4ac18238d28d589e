package com.fittrack.garminauth.http;

import com.fittrack.garminauth.core.application.port.in.CompleteMfaCommand;
import com.fittrack.garminauth.core.application.port.in.ConnectionSummary;
import com.fittrack.garminauth.core.application.port.in.LoginCommand;
import com.fittrack.garminauth.core.application.port.in.LoginResult;
import com.fittrack.garminauth.core.domain.NotConnectedException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.domain.ValidationException;
import io.javalin.http.Context;
import java.util.Optional;

/** The {@code /v1/connections/{userId}} handlers: parse, call one use case, map the result. */
final class ConnectionHandlers {
  private final UseCases useCases;
  private final JsonBodies bodies;
  private final JsonResponses responses;
  private final AddressLoginLimiter addressLimiter;

  ConnectionHandlers(
      UseCases useCases,
      JsonBodies bodies,
      JsonResponses responses,
      AddressLoginLimiter addressLimiter) {
    this.useCases = useCases;
    this.bodies = bodies;
    this.responses = responses;
    this.addressLimiter = addressLimiter;
  }

  void login(Context ctx) {
    UserId userId = userId(ctx);
    LoginRequest body = bodies.read(ctx, LoginRequest.class);
    LoginCommand command = LoginCommand.of(userId.value(), body.email(), body.password());
    // counted only once the request is valid: what is limited is what would reach Garmin
    addressLimiter.acquire(ctx);
    LoginResult result = useCases.connect().login(command);
    if (result instanceof LoginResult.Connected connected) {
      responses.json(ctx, 200, ConnectionView.of(connected.connection()));
    } else if (result instanceof LoginResult.MfaRequired mfa) {
      responses.json(ctx, 202, MfaRequiredView.of(mfa));
    } else {
      throw new IllegalStateException("unknown login result " + result.getClass().getName());
    }
  }

  void completeMfa(Context ctx) {
    UserId userId = userId(ctx);
    MfaRequest body = bodies.read(ctx, MfaRequest.class);
    ConnectionSummary summary =
        useCases
            .connect()
            .completeMfa(CompleteMfaCommand.of(userId.value(), body.challengeId(), body.code()));
    responses.json(ctx, 200, ConnectionView.of(summary));
  }

  void status(Context ctx) {
    UserId userId = userId(ctx);
    ConnectionSummary summary =
        useCases.status().status(userId).orElseThrow(() -> new NotConnectedException(userId));
    responses.json(ctx, 200, ConnectionView.of(summary));
  }

  void disconnect(Context ctx) {
    UserId userId = userId(ctx);
    // deleting what is not there is still "it is gone": 204 either way, so retries are safe
    useCases.disconnect().disconnect(userId);
    ctx.status(204);
  }

  void token(Context ctx) {
    UserId userId = userId(ctx);
    if (!hasBody(ctx)) {
      responses.json(ctx, 200, TokenView.of(useCases.sessions().accessToken(userId)));
      return;
    }
    TokenRequest body = bodies.read(ctx, TokenRequest.class);
    String rejected = body.rejectedToken();
    if (rejected == null || rejected.isBlank() || rejected.length() > 8192) {
      throw new ValidationException("rejectedToken", "must be the token Garmin refused");
    }
    responses.json(
        ctx, 200, TokenView.of(useCases.sessions().refreshAfterRejection(userId, rejected)));
  }

  private static boolean hasBody(Context ctx) {
    return ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
  }

  void importSession(Context ctx) {
    UserId userId = userId(ctx);
    ImportSessionRequest body = bodies.read(ctx, ImportSessionRequest.class);
    if (body.data() == null || body.data().isBlank()) {
      throw new ValidationException("data", "is required");
    }
    ConnectionSummary summary =
        useCases.importer().importSession(userId, Optional.ofNullable(body.format()), body.data());
    responses.json(ctx, 200, ConnectionView.of(summary));
  }

  private static UserId userId(Context ctx) {
    return UserId.of(ctx.pathParam("userId"));
  }
}
