package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.domain.ConnectionEvent;
import com.fittrack.garminauth.core.domain.ConnectionEventType;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import com.fittrack.garminauth.persistence.WebhookDeliveries;
import com.fittrack.garminauth.testkit.contract.SampleSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The dead-letter commands and the imported event, on the embedded database. */
@Tag("integration")
class WebhookCommandsTest {
  @TempDir Path tmp;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  private Map<String, String> env() {
    return Map.of("GARMIN_AUTH_DATA_DIR", tmp.resolve("data").toString());
  }

  private int run(String... args) {
    console.reset();
    return Main.run(env(), args);
  }

  private GarminAuthDatabase database() {
    ServerConfig config = ServerConfig.fromEnvironment(env());
    return Adapters.openDatabase(config, new DataDirectory(config.dataDir()), Clock.systemUTC());
  }

  @Test
  void listsADeadLetterAndRedeliversIt() {
    assertThat(run("migrate")).isZero();
    WebhookDeliveries.DeadLetter dead;
    try (GarminAuthDatabase db = database()) {
      Instant now = Instant.now();
      db.connections()
          .insert(SampleSessions.connected(UserId.of("user-9"), now, now.plusSeconds(3600)));
      db.webhookDeliveries().plan("fittrack", 10, EventServices.bodies());
      WebhookDeliveries.Claimed c =
          db.webhookDeliveries()
              .claim("w", Instant.now().plusSeconds(1), Duration.ofSeconds(30), 10)
              .get(0);
      db.webhookDeliveries().failed(c, Optional.empty(), "HTTP 500", now);
      dead = db.webhookDeliveries().deadLetters(10).get(0);
    }

    assertThat(run("webhooks", "dead-letters")).as(console.err()).isZero();
    assertThat(console.out())
        .contains("\"eventId\":\"" + dead.eventId() + "\"")
        .contains("\"userId\":\"user-9\"")
        .contains("\"lastError\":\"HTTP 500\"");

    assertThat(run("webhooks", "redeliver")).isEqualTo(2);
    assertThat(run("webhooks", "redeliver", "fittrack", "999")).isEqualTo(1);
    assertThat(console.err()).contains("no dead letter fittrack 999");
    assertThat(run("webhooks", "redeliver", "fittrack", Long.toString(dead.position()))).isZero();
    assertThat(console.out()).contains("1 delivery(ies) pending again");
    assertThat(run("webhooks", "dead-letters")).isZero();
    assertThat(console.out()).doesNotContain("\"eventId\"");
  }

  @Test
  void anImportedSessionIsAnnouncedAsImported() throws Exception {
    String jwt = ServerEndToEndBase.fakeJwt(Instant.now().plus(Duration.ofHours(2)));
    Path file = tmp.resolve("garminconnect.json");
    Files.writeString(
        file,
        "{\"di_token\":\""
            + jwt
            + "\",\"di_refresh_token\":\"refresh-xyz\","
            + "\"di_client_id\":\"GARMIN_CONNECT_MOBILE_ANDROID_DI\"}");

    assertThat(run("import-session", "user-7", "--file", file.toString()))
        .as(console.err())
        .isZero();

    try (GarminAuthDatabase db = database()) {
      List<ConnectionEvent> events = db.events().after(0, 10);
      assertThat(events)
          .extracting(ConnectionEvent::type)
          .containsExactly(ConnectionEventType.IMPORTED);
      assertThat(events.get(0).userId()).isEqualTo(UserId.of("user-7"));
    }
  }
}
