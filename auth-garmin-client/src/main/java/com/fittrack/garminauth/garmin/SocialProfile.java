package com.fittrack.garminauth.garmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.ValidationException;
import com.fittrack.garminauth.garmin.http.GarminHttp;
import com.fittrack.garminauth.garmin.http.HttpReply;
import com.fittrack.garminauth.garmin.http.JsonFields;
import java.util.Optional;
import java.util.OptionalLong;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who a token belongs to, from {@code /userprofile-service/socialProfile}; never fails. */
final class SocialProfile {
  private static final Logger log = LoggerFactory.getLogger(SocialProfile.class);
  private static final String WHAT = "social profile";

  private final GarminEndpoints endpoints;
  private final GarminHttp http;

  SocialProfile(GarminEndpoints endpoints, GarminHttp http) {
    this.endpoints = endpoints;
    this.http = http;
  }

  /** What the API said of a new session. */
  sealed interface Verdict {}

  /** The API accepts the token; who it belongs to, when the profile said so. */
  record Accepted(Optional<GarminIdentity> identity) implements Verdict {}

  /** The API refused the token (401 or 403); {@code why} is safe to show. */
  record Refused(String why) implements Verdict {}

  /**
   * Checks a new session with the API. Only a 401 or 403 refuses it; a 5xx, a timeout or an
   * unreadable profile says nothing about the token, which is then taken with an unknown identity.
   */
  Verdict verify(Secret accessToken) {
    try {
      HttpReply reply = http.send(http.plain(), request(accessToken), WHAT, true);
      if (reply.code() == 401 || reply.code() == 403) {
        return new Refused(
            "the API refused the new session (HTTP "
                + reply.code()
                + (reply.body().contains("Token is not active") ? ": token is not active" : "")
                + ")");
      }
      return new Accepted(identity(reply));
    } catch (GarminAuthException e) {
      log.info("social profile check failed ({}); identity left unknown", e.code().wireName());
      return new Accepted(Optional.empty());
    }
  }

  private Request request(Secret accessToken) {
    return new Request.Builder()
        .url(HttpUrl.get(endpoints.connectApi() + "/userprofile-service/socialProfile"))
        .header("Authorization", "Bearer " + accessToken.reveal())
        .header("Accept", "application/json")
        .build();
  }

  private Optional<GarminIdentity> identity(HttpReply reply) {
    if (!reply.isSuccessful()) {
      log.info("social profile lookup answered HTTP {}; identity left unknown", reply.code());
      return Optional.empty();
    }
    try {
      JsonNode json = JsonFields.object(reply, WHAT);
      Optional<String> name =
          JsonFields.optionalText(json, "displayName", WHAT)
              .or(() -> JsonFields.optionalText(json, "userName", WHAT));
      if (name.isEmpty() || !isValidName(name.get())) {
        return Optional.empty();
      }
      return Optional.of(new GarminIdentity(name.get(), profileId(json)));
    } catch (GarminAuthException e) {
      log.info("social profile unreadable ({}); identity left unknown", e.code().wireName());
      return Optional.empty();
    }
  }

  /** Who the token belongs to, when the API says so; never fails. */
  Optional<GarminIdentity> lookup(Secret accessToken) {
    return verify(accessToken) instanceof Accepted a ? a.identity() : Optional.empty();
  }

  private static Optional<String> profileId(JsonNode json) {
    try {
      OptionalLong id = JsonFields.optionalNumber(json, "profileId", WHAT);
      return id.isPresent() ? Optional.of(Long.toString(id.getAsLong())) : Optional.empty();
    } catch (GarminAuthException notANumber) {
      return JsonFields.optionalText(json, "profileId", WHAT);
    }
  }

  static boolean isValidName(String name) {
    try {
      new GarminIdentity(name, Optional.empty());
      return true;
    } catch (ValidationException e) {
      return false;
    }
  }
}
