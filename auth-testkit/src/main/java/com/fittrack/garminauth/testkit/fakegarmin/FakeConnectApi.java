package com.fittrack.garminauth.testkit.fakegarmin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;

/** The token services (DI OAuth2, legacy OAuth1) and the Connect API endpoints of FakeGarmin. */
final class FakeConnectApi {
  private static final DateTimeFormatter MFA_EXPIRY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final String GRANT_SUFFIX = "/di-oauth2-service/oauth/grant/service_ticket";

  private final FakeSettings settings;
  private final Map<String, FakeAccount> accounts;
  private final FakeTokens tokens;
  private final FakeGarminCounters counters;
  private final FakeActivityFiles files;

  FakeConnectApi(
      FakeSettings settings,
      Map<String, FakeAccount> accounts,
      FakeTokens tokens,
      FakeGarminCounters counters) {
    this.settings = settings;
    this.accounts = accounts;
    this.tokens = tokens;
    this.counters = counters;
    this.files = new FakeActivityFiles(settings, accounts, tokens, counters);
  }

  /** The download and upload endpoints, which share this API's accounts and tokens. */
  FakeActivityFiles activityFiles() {
    return files;
  }

  /** POST /di-oauth2-service/oauth/token: the service-ticket grant and the refresh grant. */
  MockResponse.Builder diToken(Incoming r) {
    Map<String, String> form = r.form();
    String clientId = form.getOrDefault("client_id", "");
    if (!r.isForm() || !basicClient(r).equals(Optional.of(clientId))) {
      return Replies.oauthError(401, "invalid_client", "Client authentication failed");
    }
    if (!settings.acceptedDiClientIds.contains(clientId)) {
      return Replies.oauthError(400, "unauthorized_client", "Client not allowed for this grant");
    }
    String grant = form.getOrDefault("grant_type", "");
    if (grant.equals("refresh_token")) {
      FakeTokens.Refreshed result = tokens.refreshDi(form.get("refresh_token"), clientId);
      if (result.reuse()) {
        counters.reuseDetected();
      }
      if (result.tokens().isEmpty()) {
        return Replies.oauthError(400, "invalid_grant", result.error());
      }
      counters.refresh(result.email());
      return Replies.json(200, result.tokens().get());
    }
    if (!grant.startsWith("https://connectapi.") || !grant.endsWith(GRANT_SUFFIX)) {
      return Replies.oauthError(400, "unsupported_grant_type", "Unknown grant type");
    }
    String ticket = form.get("service_ticket");
    Optional<FakeTokens.Ticket> t = tokens.peekTicket(ticket, form.getOrDefault("service_url", ""));
    if (t.isEmpty() || !tokens.consumeTicket(ticket)) {
      return Replies.oauthError(400, "invalid_grant", "Invalid service ticket");
    }
    counters.diExchange();
    return Replies.json(200, tokens.issueDi(t.get().email(), clientId, t.get().service()));
  }

  /** GET /oauth-service/oauth/preauthorized: a ticket for an OAuth1 token (consumer-signed). */
  MockResponse.Builder preauthorized(Incoming r) {
    Map<String, String> oauth = FakeOAuth1Verifier.params(r);
    if (!FakeGarmin.CONSUMER_KEY.equals(oauth.get("oauth_consumer_key"))
        || !FakeOAuth1Verifier.verify(
            "GET", r.url(), Map.of(), oauth, FakeGarmin.CONSUMER_SECRET, Optional.empty())) {
      return Replies.text(401, "Invalid OAuth signature");
    }
    String ticket = r.query("ticket");
    Optional<FakeTokens.Ticket> t = tokens.peekTicket(ticket, String.valueOf(r.query("login-url")));
    if (t.isEmpty() || !tokens.consumeTicket(ticket)) {
      return Replies.text(401, "Invalid ticket");
    }
    FakeTokens.OAuth1 token = tokens.issueOAuth1(t.get().email(), t.get().afterMfa());
    StringBuilder body =
        new StringBuilder("oauth_token=")
            .append(token.id)
            .append("&oauth_token_secret=")
            .append(token.secret);
    token.mfaToken.ifPresent(
        m ->
            body.append("&mfa_token=")
                .append(m)
                .append("&mfa_expiration_timestamp=")
                .append(
                    MFA_EXPIRY
                        .format(settings.clock.instant().plusSeconds(365L * 24 * 3600))
                        .replace(" ", "%20")));
    return Replies.text(200, body.toString());
  }

  /** POST /oauth-service/oauth/exchange/user/2.0: an OAuth1 token for OAuth2 tokens. */
  MockResponse.Builder exchange(Incoming r) {
    Map<String, String> oauth = FakeOAuth1Verifier.params(r);
    Optional<FakeTokens.OAuth1> token = tokens.oauth1(oauth.get("oauth_token"));
    if (token.isEmpty()
        || !FakeGarmin.CONSUMER_KEY.equals(oauth.get("oauth_consumer_key"))
        || !FakeOAuth1Verifier.verify(
            "POST",
            r.url(),
            r.form(),
            oauth,
            FakeGarmin.CONSUMER_SECRET,
            Optional.of(token.get().secret))) {
      return Replies.text(401, "Invalid OAuth token or signature");
    }
    FakeTokens.OAuth1 t = token.get();
    if (t.revoked || !accounts.containsKey(t.email)) {
      return Replies.text(401, "OAuth token revoked");
    }
    synchronized (t) {
      if (t.exchanged) {
        counters.refresh(t.email);
      } else {
        t.exchanged = true;
        counters.legacyExchange();
      }
    }
    return Replies.json(200, tokens.legacyTokens(t.email));
  }

  /** GET /userprofile-service/socialProfile. */
  MockResponse.Builder socialProfile(Incoming r) {
    if (r.bearer().map(tokens::isInactive).orElse(false)) {
      counters.refusedSession();
      ObjectNode refused = Incoming.JSON.createObjectNode();
      refused.put("message", "Token is not active");
      refused.put("error", "Unauthorized");
      return Replies.json(401, refused);
    }
    Optional<FakeAccount> account = authorized(r);
    if (account.isEmpty()) {
      return unauthorized();
    }
    FakeAccount a = account.get();
    ObjectNode n = Incoming.JSON.createObjectNode();
    // Garmin's profile has two numbers: id (the social profile) and profileId (the user).
    n.put("id", a.profileId() + 7_000_000L);
    n.put("profileId", a.profileId());
    n.put("garminGUID", "fa4e0000-0000-4000-8000-" + String.format("%012d", a.profileId()));
    n.put("displayName", a.displayName());
    n.put("fullName", a.displayName());
    n.put("userName", a.displayName().replaceAll("[^A-Za-z0-9]", "") + (a.profileId() % 1000));
    n.putNull("profileImageUrlLarge");
    n.put("location", "Fakeville");
    n.putArray("userRoles").add("ROLE_CONNECTUSER");
    return Replies.json(200, n);
  }

  /** The sample API: {@code /activitylist-service/activities/search/activities}, any method. */
  MockResponse.Builder activities(Incoming r) {
    Optional<FakeAccount> account = authorized(r);
    if (account.isEmpty()) {
      return unauthorized();
    }
    ArrayNode list = Incoming.JSON.createArrayNode();
    ObjectNode a = list.addObject();
    a.put("activityId", 1000L + account.get().profileId());
    a.put("activityName", "Morning Run");
    a.put("ownerDisplayName", account.get().displayName());
    a.put("requestBodyBytes", r.body().getBytes(StandardCharsets.UTF_8).length);
    return Replies.json(200, list.toString());
  }

  private Optional<FakeAccount> authorized(Incoming r) {
    Optional<FakeAccount> account = r.bearer().flatMap(tokens::checkAccess).map(accounts::get);
    account.ifPresent(a -> counters.apiCall());
    return account;
  }

  private static MockResponse.Builder unauthorized() {
    ObjectNode n = Incoming.JSON.createObjectNode();
    n.put("message", "HTTP 401 Unauthorized");
    n.put("error", "Unauthorized");
    return Replies.json(401, n).setHeader("WWW-Authenticate", "Bearer realm=\"connectapi\"");
  }

  private static Optional<String> basicClient(Incoming r) {
    return r.header("Authorization")
        .filter(h -> h.startsWith("Basic "))
        .flatMap(
            h -> {
              try {
                String decoded =
                    new String(
                        Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(0, colon));
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            });
  }
}
