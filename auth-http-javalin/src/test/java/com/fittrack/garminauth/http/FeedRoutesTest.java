package com.fittrack.garminauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fittrack.garminauth.core.application.EventFeedService;
import com.fittrack.garminauth.core.application.port.out.LeaseRequest;
import com.fittrack.garminauth.core.application.port.out.RefreshLease;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.testkit.TestClock;
import com.fittrack.garminauth.testkit.contract.SampleSessions;
import com.fittrack.garminauth.testkit.memory.InMemoryConnectionRepository;
import com.fittrack.garminauth.testkit.memory.InMemoryEventOutbox;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /v1/connections and GET /v1/events over HTTP, on the in-memory adapters. */
class FeedRoutesTest {
  private static final String ADMIN = "admin-secret-0123456789-abcdefghij";
  private static final String READER = "reader-secret-0123456789-abcdefghij";
  private static final String EVENTS = "events-secret-0123456789-abcdefghij";
  private static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestClock clock = new TestClock(T0);
  private final InMemoryConnectionRepository connections =
      new InMemoryConnectionRepository(new InMemoryEventOutbox(clock, Duration.ofMinutes(15)));
  private final HttpClient client = HttpClient.newHttpClient();
  private Javalin app;

  @BeforeEach
  void start() {
    EventFeedService service = new EventFeedService(connections, connections.events());
    HttpApi api =
        new HttpApi(
            new StubUseCases().useCases(),
            new ApiKeys(
                List.of(
                    ApiKey.of("admin", ADMIN, EnumSet.allOf(Scope.class)),
                    ApiKey.of("reader", READER, EnumSet.of(Scope.CONNECTIONS_READ)),
                    ApiKey.of("feed", EVENTS, EnumSet.of(Scope.EVENTS_READ)))),
            new AddressLoginLimiter(10, Duration.ofMinutes(1), clock),
            new HttpApi.Options(16384, true, () -> true, () -> ""),
            new SimpleMeterRegistry(),
            new FeedUseCases(service, service));
    app = Javalin.create(api::configure).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  private HttpResponse<String> get(String path, String key)
      throws IOException, InterruptedException {
    return client.send(
        TestRequests.request(app.port(), "GET", path, key, null, null),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode ok(String path, String key) throws IOException, InterruptedException {
    HttpResponse<String> r = get(path, key);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private List<UserId> storeUsers(int n) {
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      UserId user = UserId.of(String.format("user-%03d", i));
      users.add(user);
      connections.insert(SampleSessions.connected(user, T0, T0.plusSeconds(3600)));
    }
    return users;
  }

  private void revoke(UserId user) {
    RefreshLease lease =
        connections
            .tryAcquireRefreshLease(user, new LeaseRequest("w", T0, T0.plusSeconds(30)))
            .orElseThrow();
    connections.completeRefresh(lease, lease.connection().requiringReauth("invalid_grant", T0));
  }

  @Test
  void pagesThroughConnectionsAndNeverShowsATokenOrSecret() throws Exception {
    storeUsers(7);
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String path =
          "/v1/connections?limit=3"
              + (cursor == null
                  ? ""
                  : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      HttpResponse<String> r = get(path, READER);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).doesNotContain(SampleSessions.SECRET_MARKER);
      JsonNode page = JSON.readTree(r.body());
      page.get("items").forEach(i -> seen.add(i.get("userId").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(7).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void filtersByStatus() throws Exception {
    List<UserId> users = storeUsers(4);
    revoke(users.get(2));

    JsonNode page = ok("/v1/connections?status=REAUTH_REQUIRED", READER);

    assertThat(page.get("items")).hasSize(1);
    assertThat(page.at("/items/0/userId").asText()).isEqualTo("user-002");
    assertThat(page.at("/items/0/lastFailure/code").asText()).isEqualTo("invalid_grant");
    assertThat(page.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void badQueriesAre400AndChangeNothing() throws Exception {
    storeUsers(2);
    for (String bad :
        List.of(
            "/v1/connections?limit=0",
            "/v1/connections?limit=501",
            "/v1/connections?limit=ten",
            "/v1/connections?limit=-1",
            "/v1/connections?status=DISCONNECTED",
            "/v1/connections?status=connected",
            "/v1/connections?cursor=garbage",
            "/v1/connections?limit=1&limit=2",
            "/v1/events?after=garbage",
            "/v1/events?limit=100000")) {
      HttpResponse<String> r = get(bad, ADMIN);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("code").asText())
          .as(bad)
          .isEqualTo("validation_failed");
    }
    assertThat(connections.events().head()).isEqualTo(2);
  }

  @Test
  void eachRouteNeedsItsScope() throws Exception {
    assertThat(get("/v1/events", READER).statusCode()).isEqualTo(403);
    assertThat(get("/v1/connections", EVENTS).statusCode()).isEqualTo(403);
    assertThat(get("/v1/events", null).statusCode()).isEqualTo(401);
  }

  @Test
  void theFeedListsEventsInOrderAndResumesAfterItsCursor() throws Exception {
    List<UserId> users = storeUsers(2);
    revoke(users.get(1));

    JsonNode first = ok("/v1/events?limit=2", EVENTS);
    JsonNode rest =
        ok(
            "/v1/events?after="
                + URLEncoder.encode(first.get("cursor").asText(), StandardCharsets.UTF_8),
            EVENTS);
    JsonNode none =
        ok(
            "/v1/events?after="
                + URLEncoder.encode(rest.get("cursor").asText(), StandardCharsets.UTF_8),
            EVENTS);

    assertThat(first.get("events")).hasSize(2);
    assertThat(first.at("/events/0/type").asText()).isEqualTo("connection.connected");
    assertThat(first.at("/events/0/data/sequence").asLong()).isEqualTo(1);
    assertThat(rest.get("events")).hasSize(1);
    JsonNode reauth = rest.at("/events/0");
    assertThat(reauth.get("type").asText()).isEqualTo("connection.reauth_required");
    assertThat(reauth.at("/data/userId").asText()).isEqualTo("user-001");
    assertThat(reauth.at("/data/status").asText()).isEqualTo("REAUTH_REQUIRED");
    assertThat(reauth.at("/data/reason").asText()).isEqualTo("invalid_grant");
    assertThat(reauth.at("/data/sequence").asLong()).isEqualTo(2);
    assertThat(reauth.get("timestamp").asText()).isEqualTo(T0.toString());
    assertThat(none.get("events")).isEmpty();
    assertThat(none.get("cursor").asText()).isEqualTo(rest.get("cursor").asText());
  }
}
