package com.fittrack.garminauth.garmin.token;

import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.garmin.signin.StrategyResult;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A service ticket for tokens: DI OAuth2 first, the legacy OAuth1 path as fallback. */
public final class TicketExchanger {
  private static final Logger log = LoggerFactory.getLogger(TicketExchanger.class);

  private final DiTokenService di;
  private final Optional<LegacyTokenService> legacy;

  public TicketExchanger(DiTokenService di, Optional<LegacyTokenService> legacy) {
    this.di = di;
    this.legacy = legacy;
  }

  public GarminCredentials exchange(StrategyResult.Ticket ticket) {
    try {
      return di.exchange(ticket);
    } catch (GarminUnavailableException | GarminProtocolException diFailure) {
      if (legacy.isEmpty() || diFailure.code() == ErrorCode.RATE_LIMITED) {
        // A rate limit stops the sign-in: asking another endpoint now only lengthens the block.
        throw diFailure;
      }
      log.warn("{}; trying the legacy OAuth1 exchange", diFailure.getMessage());
      try {
        return legacy.get().exchangeTicket(ticket);
      } catch (GarminUnavailableException | GarminProtocolException legacyFailure) {
        String message =
            diFailure.getMessage() + "; legacy exchange: " + legacyFailure.getMessage();
        return rethrow(diFailure, legacyFailure, message);
      }
    }
  }

  private static GarminCredentials rethrow(
      GarminAuthException first, GarminAuthException second, String message) {
    for (GarminAuthException e : new GarminAuthException[] {first, second}) {
      if (e instanceof GarminUnavailableException u) {
        throw new GarminUnavailableException(u.code(), message, u.retryAfter().orElse(null));
      }
    }
    if (second.code() == ErrorCode.GARMIN_PROTOCOL_ERROR) {
      throw new GarminProtocolException(message);
    }
    throw second;
  }
}
