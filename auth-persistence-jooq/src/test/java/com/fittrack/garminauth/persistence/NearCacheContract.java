package com.fittrack.garminauth.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The near cache of token reads, with its change channel down, never serves what the database no
 * longer holds: every cached read is checked against the row's stamp (the fallback of ADR 0117, and
 * all of ADR 0104). Two {@link GarminAuthDatabase}s on one database play two processes: {@code
 * here} reads (and caches), {@code there} changes the row behind its back.
 */
abstract class NearCacheContract {
  private static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");
  private static final UserId USER = UserId.of("near-cache-user");
  private static final String OLD_KEY = KeyRing.generateKeySpec();
  private static final String NEW_KEY = KeyRing.generateKeySpec();

  /** Seals with the old key and can open what the new one sealed (for the rekey test). */
  private static final KeyRing KEYS = KeyRing.parse(OLD_KEY + "," + NEW_KEY);

  private final TestClock clock = new TestClock(T0);
  private GarminAuthDatabase here;
  private GarminAuthDatabase there;
  private GarminAuthDatabase uncached;
  private GarminAuthDatabase rotated;
  private DatabaseSettings settings;

  /** Settings of a fresh, empty database (called once per test). */
  abstract DatabaseSettings database();

  abstract void dropDatabase() throws Exception;

  @BeforeEach
  void open() {
    settings = database();
    here =
        GarminAuthDatabase.open(
            settings.withNearCacheSize(100), KEYS, clock, (s, pool) -> ConnectionChanges.none());
    here.migrate();
    there = GarminAuthDatabase.open(settings, KEYS, clock);
    uncached = GarminAuthDatabase.open(settings.withNearCacheSize(0), KEYS, clock);
  }

  @AfterEach
  void close() throws Exception {
    for (GarminAuthDatabase db : new GarminAuthDatabase[] {here, there, uncached, rotated}) {
      if (db != null) {
        db.close();
      }
    }
    dropDatabase();
  }

  @Test
  void aRepeatedReadOfAnUnchangedRowIsServedFromTheCache() {
    there.connections().insert(connection("first"));
    assertThat(displayName(here)).isEqualTo("Runner first");

    // A change that bypasses the repository (no new version, same sealed token) is invisible to
    // the cache: this is how the test sees that the second read was served from it. The
    // repository itself never writes a row without a new version.
    sql("UPDATE garmin_connection SET display_name = 'edited by hand'");

    assertThat(displayName(here)).isEqualTo("Runner first");
    assertThat(displayName(uncached)).isEqualTo("edited by hand");
  }

  @Test
  void aWriteByAnotherProcessIsSeenAtTheNextRead() {
    GarminConnection stored = there.connections().insert(connection("first"));
    assertThat(here.connections().find(USER)).contains(stored);

    GarminConnection refreshed =
        there
            .connections()
            .update(stored.refreshed(credentials("second", T0.plusSeconds(7200)), T0));

    assertThat(here.connections().find(USER)).contains(refreshed);
    assertThat(accessToken(here)).isEqualTo("access-second");
  }

  @Test
  void aConnectionDeletedAndCreatedAgainIsNotMistakenForTheOldOne() {
    GarminConnection old = there.connections().insert(connection("old"));
    assertThat(here.connections().find(USER)).contains(old);

    there.connections().delete(USER);
    GarminConnection recreated = there.connections().insert(connection("new"));

    // Both rows have version 1: only the sealed token tells them apart.
    assertThat(recreated.version()).isEqualTo(old.version());
    assertThat(accessToken(here)).isEqualTo("access-new");
    assertThat(displayName(here)).isEqualTo("Runner new");
  }

  @Test
  void aConnectionDeletedByAnotherProcessIsGone() {
    there.connections().insert(connection("first"));
    assertThat(here.connections().find(USER)).isPresent();

    there.connections().delete(USER);

    assertThat(here.connections().find(USER)).isEmpty();
  }

  @Test
  void aRekeyedRowIsReadAgainAndStillOpens() {
    there.connections().insert(connection("first"));
    assertThat(accessToken(here)).isEqualTo("access-first");

    rotated = GarminAuthDatabase.open(settings, KeyRing.parse(NEW_KEY + "," + OLD_KEY), clock);
    assertThat(rotated.rekey(10).connectionsResealed()).isEqualTo(1);
    sql("UPDATE garmin_connection SET display_name = 'after rekey'");

    assertThat(displayName(here)).isEqualTo("after rekey");
    assertThat(accessToken(here)).isEqualTo("access-first");
  }

  @Test
  void anEntryIsNotServedOnceItsAccessTokenHasExpired() {
    there.connections().insert(connection("first"));
    assertThat(displayName(here)).isEqualTo("Runner first");
    sql("UPDATE garmin_connection SET display_name = 'edited by hand'");

    clock.advance(Duration.ofHours(1).plusSeconds(1));

    assertThat(displayName(here)).isEqualTo("edited by hand");
  }

  @Test
  void aTamperedTokenIsReportedEvenAfterACachedRead() {
    there.connections().insert(connection("first"));
    assertThat(accessToken(here)).isEqualTo("access-first");

    sql("UPDATE garmin_connection SET access_token_sealed = refresh_token_sealed");

    assertThatThrownBy(() -> here.connections().find(USER))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORED_VALUE_UNREADABLE));
  }

  private static GarminConnection connection(String tag) {
    return TestConnections.connection(USER, tag, T0.plusSeconds(3600));
  }

  private static DiOAuth2Credentials credentials(String tag, Instant accessExpiresAt) {
    return TestConnections.credentials(tag, accessExpiresAt);
  }

  private static String displayName(GarminAuthDatabase db) {
    return db.connections().find(USER).orElseThrow().identity().orElseThrow().displayName();
  }

  private static String accessToken(GarminAuthDatabase db) {
    return db.connections().find(USER).orElseThrow().credentials().accessToken().reveal();
  }

  private void sql(String statement) {
    TestDatabases.execute(there, statement);
  }
}
