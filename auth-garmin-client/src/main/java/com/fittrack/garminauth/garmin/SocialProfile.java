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

  Optional<GarminIdentity> lookup(Secret accessToken) {
    try {
      Request request =
          new Request.Builder()
              .url(HttpUrl.get(endpoints.connectApi() + "/userprofile-service/socialProfile"))
              .header("Authorization", "Bearer " + accessToken.reveal())
              .header("Accept", "application/json")
              .build();
      HttpReply reply = http.send(http.plain(), request, WHAT, true);
      if (!reply.isSuccessful()) {
        log.info("social profile lookup answered HTTP {}; identity left unknown", reply.code());
        return Optional.empty();
      }
      JsonNode json = JsonFields.object(reply, WHAT);
      Optional<String> name =
          JsonFields.optionalText(json, "displayName", WHAT)
              .or(() -> JsonFields.optionalText(json, "userName", WHAT));
      if (name.isEmpty() || !isValidName(name.get())) {
        return Optional.empty();
      }
      return Optional.of(new GarminIdentity(name.get(), profileId(json)));
    } catch (GarminAuthException e) {
      log.info("social profile lookup failed ({}); identity left unknown", e.code().wireName());
      return Optional.empty();
    }
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
