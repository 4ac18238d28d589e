package com.fittrack.garminauth.garmin.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.ValidationException;
import com.fittrack.garminauth.garmin.http.JsonFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.Cookie;

/**
 * Everything needed to finish an MFA sign-in in another process: the strategy, the SSO host it
 * talked to, its flow parameters and the cookie session. Serialized as versioned JSON inside a
 * {@link Secret} (the cookies are the session; the core stores the state sealed).
 */
public record ResumeState(
    String strategy, String sso, Map<String, String> flow, List<Cookie> cookies) {
  private static final int VERSION = 1;
  private static final int MAX_CHARS = 64 * 1024;

  public ResumeState {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(sso, "sso");
    flow = Map.copyOf(flow);
    cookies = List.copyOf(cookies);
  }

  public Secret encode() {
    ObjectNode root = JsonFields.MAPPER.createObjectNode();
    root.put("v", VERSION);
    root.put("strategy", strategy);
    root.put("sso", sso);
    ObjectNode f = root.putObject("flow");
    flow.forEach(f::put);
    ArrayNode list = root.putArray("cookies");
    for (Cookie c : cookies) {
      ObjectNode n = list.addObject();
      n.put("name", c.name());
      n.put("value", c.value());
      n.put("domain", c.domain());
      n.put("path", c.path());
      if (c.persistent()) {
        n.put("expiresAt", c.expiresAt());
      }
      n.put("secure", c.secure());
      n.put("httpOnly", c.httpOnly());
      n.put("hostOnly", c.hostOnly());
    }
    return Secret.of(root.toString());
  }

  /** Reads a state this client wrote; anything else is {@code validation_failed}. */
  public static ResumeState decode(Secret state) {
    if (state.length() > MAX_CHARS) {
      throw invalid("is too large");
    }
    JsonNode root;
    try {
      root = JsonFields.object(state.reveal(), "resume state");
    } catch (GarminProtocolException e) {
      throw invalid("is not a resume state of this client");
    }
    if (root.path("v").asInt() != VERSION) {
      throw invalid("has an unknown version");
    }
    String strategy = root.path("strategy").asText("");
    String sso = root.path("sso").asText("");
    if (strategy.isEmpty() || sso.isEmpty() || !root.path("flow").isObject()) {
      throw invalid("lacks its strategy, host or flow");
    }
    Map<String, String> flow = new LinkedHashMap<>();
    // JSON null is absent: a null must not become the text "null".
    root.path("flow")
        .properties()
        .forEach(
            e -> {
              if (e.getValue().isTextual()) {
                flow.put(e.getKey(), e.getValue().asText());
              }
            });
    List<Cookie> cookies = new ArrayList<>();
    for (JsonNode n : root.path("cookies")) {
      cookies.add(cookie(n));
    }
    return new ResumeState(strategy, sso, flow, cookies);
  }

  private static Cookie cookie(JsonNode n) {
    try {
      Cookie.Builder b =
          new Cookie.Builder()
              .name(n.path("name").asText())
              .value(n.path("value").asText())
              .path(n.path("path").asText("/"));
      if (n.has("expiresAt")) {
        // Session cookies carry no expiry; setting one would make them persistent.
        b.expiresAt(n.path("expiresAt").asLong());
      }
      String domain = n.path("domain").asText();
      if (n.path("hostOnly").asBoolean()) {
        b.hostOnlyDomain(domain);
      } else {
        b.domain(domain);
      }
      if (n.path("secure").asBoolean()) {
        b.secure();
      }
      if (n.path("httpOnly").asBoolean()) {
        b.httpOnly();
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw invalid("holds a malformed cookie");
    }
  }

  private static ValidationException invalid(String why) {
    return new ValidationException("resumeState", why);
  }

  @Override
  public String toString() {
    return "ResumeState[strategy=" + strategy + ", cookies=" + cookies.size() + "]";
  }
}
