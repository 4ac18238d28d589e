package com.fittrack.garminauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /} tells a newcomer where to go instead of answering 404. */
class ApiIndexTest {
  private final ApiHarness api = new ApiHarness(3);

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void theRootAnswersLinksThatWorkWithoutAKey() throws Exception {
    var r = api.get("/", null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode body = ApiHarness.json(r);
    assertThat(body.get("service").asText()).isEqualTo("garmin-auth");
    assertThat(body.get("docs").asText()).contains("docs/api.md");
    JsonNode links = body.get("links");
    assertThat(links.get("openapi").asText()).isEqualTo("/openapi.json");
    for (String name : new String[] {"openapi", "live", "ready", "metrics"}) {
      assertThat(api.get(links.get(name).asText(), null).statusCode()).as(name).isEqualTo(200);
    }
    assertThat(links.get("connection").asText()).isEqualTo("/v1/connections/{userId}");
  }
}
