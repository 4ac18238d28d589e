package com.fittrack.garminauth.persistence;

import static com.fittrack.garminauth.testkit.contract.SampleSessions.SECRET_MARKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.port.out.LeaseRequest;
import com.fittrack.garminauth.core.application.port.out.RefreshLease;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.MfaChallenge;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.testkit.contract.SampleSessions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Encryption at rest, key checks, rekey and failure typing, on a fresh database per test. H2 and
 * PostgreSQL subclasses say where that database is.
 */
abstract class AtRestContract {
  static final Instant T0 = TestDatabases.CLOCK.instant();
  static final String OLD_SPEC = KeyRing.generateKeySpec();
  static final KeyRing OLD = KeyRing.parse(OLD_SPEC);

  DatabaseSettings settings;
  GarminAuthDatabase db;
  final List<GarminAuthDatabase> opened = new ArrayList<>();

  /** Settings of a new, empty database that several pools may open at once. */
  abstract DatabaseSettings freshDatabase();

  /** Drops what {@link #freshDatabase()} made. */
  void dropDatabase() {}

  @BeforeEach
  void openFreshDatabase() {
    settings = freshDatabase();
    db = open(OLD);
    db.migrate();
  }

  @AfterEach
  void closeAll() {
    opened.forEach(GarminAuthDatabase::close);
    dropDatabase();
  }

  GarminAuthDatabase open(KeyRing keys) {
    GarminAuthDatabase opened = GarminAuthDatabase.open(settings, keys, TestDatabases.CLOCK);
    this.opened.add(opened);
    return opened;
  }

  GarminConnection storeDi(String user) {
    return db.connections()
        .insert(SampleSessions.connected(UserId.of(user), T0, T0.plusSeconds(600)));
  }

  GarminConnection storeLegacy(String user) {
    return db.connections()
        .insert(
            GarminConnection.connect(
                UserId.of(user),
                SampleSessions.legacyCredentials(T0.plusSeconds(60)),
                Optional.empty(),
                T0));
  }

  MfaChallenge storeChallenge(String user) {
    MfaChallenge c = SampleSessions.challenge(UserId.of(user), T0, T0.plusSeconds(600), 5);
    db.challenges().save(c);
    return c;
  }

  /** Every value of every row of {@code table}, as text. */
  List<String> rawValues(String table) {
    List<String> values = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(rs.getString(i)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }

  static void assertUnreadable(ThrowingCallable call, String... mentioned) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.STORED_VALUE_UNREADABLE);
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains(mentioned).doesNotContain(SECRET_MARKER);
            });
  }

  @Test
  void rawRowsHoldNoTokenSecretOrResumeState() {
    storeDi("di-user");
    storeLegacy("legacy-user");
    storeChallenge("mfa-user");

    List<String> raw = new ArrayList<>();
    for (String table :
        List.of("garmin_connection", "mfa_challenge", "login_attempt", "sealing_key_check")) {
      raw.addAll(rawValues(table));
    }

    assertThat(raw).isNotEmpty().noneMatch(v -> v.contains(SECRET_MARKER));
    assertThat(rawValues("garmin_connection")).filteredOn(v -> v.startsWith("gas1:")).hasSize(7);
    assertThat(db.connections().find(UserId.of("legacy-user"))).isPresent();
  }

  @Test
  void aTamperedSealedValueIsATypedErrorNamingUserAndColumn() {
    storeDi("victim");
    TestDatabases.execute(
        db,
        "UPDATE garmin_connection SET access_token_sealed = "
            + "SUBSTRING(access_token_sealed FROM 1 FOR 30) || 'AAAA' || SUBSTRING(access_token_sealed FROM 35)"
            + " WHERE user_id = 'victim'");

    assertUnreadable(
        () -> db.connections().find(UserId.of("victim")), "victim", "access_token_sealed");
  }

  @Test
  void aSealedValueCopiedToAnotherUserDoesNotOpen() {
    storeDi("alice");
    storeDi("mallory");
    TestDatabases.execute(
        db,
        "UPDATE garmin_connection SET refresh_token_sealed = "
            + "(SELECT refresh_token_sealed FROM garmin_connection WHERE user_id = 'alice')"
            + " WHERE user_id = 'mallory'");

    assertUnreadable(
        () -> db.connections().find(UserId.of("mallory")), "mallory", "refresh_token_sealed");
    assertThat(db.connections().find(UserId.of("alice"))).isPresent();
  }

  @Test
  void theSweeperSkipsARowThatDoesNotOpenAndClaimsTheRest() {
    storeDi("a-broken");
    storeDi("b-fine");
    TestDatabases.execute(
        db,
        "UPDATE garmin_connection SET access_token_sealed = 'garbage' WHERE user_id = 'a-broken'");

    List<RefreshLease> claimed =
        db.connections()
            .acquireDueForRefresh(
                T0.plusSeconds(3600), 10, new LeaseRequest("sweeper", T0, T0.plusSeconds(30)));

    assertThat(claimed).extracting(l -> l.connection().userId().value()).containsExactly("b-fine");
    assertThat(rawValues("garmin_connection")).containsOnlyOnce("sweeper");
  }

  @Test
  void aTamperedResumeStateIsATypedError() {
    MfaChallenge c = storeChallenge("mfa-victim");
    TestDatabases.execute(
        db, "UPDATE mfa_challenge SET resume_state_sealed = resume_state_sealed || 'AA'");

    assertUnreadable(() -> db.challenges().find(c.id()), "mfa-victim", "resume_state");
  }

  @Test
  void aMigratedSchemaIsCurrentSoThatTheNextStartNeedsNoFlyway() {
    assertThat(db.schemaIsCurrent()).isTrue();

    GarminAuthDatabase next = open(OLD);
    next.migrate();
    assertThat(next.schemaIsCurrent()).isTrue();
  }

  @Test
  void aScriptWhoseRecordedChecksumDiffersGoesThroughFlywaysValidationAndIsRefused() {
    TestDatabases.execute(
        db,
        "UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1"
            + " WHERE \"script\" LIKE 'V1%'");

    assertThat(db.schemaIsCurrent()).isFalse();
    assertThatThrownBy(() -> open(OLD).migrate()).hasMessageContaining("checksum mismatch");
  }

  @Test
  void aFailedScriptOrOneThisVersionDoesNotKnowLeavesTheDecisionToFlyway() {
    TestDatabases.execute(
        db,
        "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\","
            + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\","
            + " \"execution_time\", \"success\") VALUES (99, '99', 'from a newer version',"
            + " 'SQL', 'V99__from_a_newer_version.sql', 1, 'test', 0, TRUE)");
    assertThat(db.schemaIsCurrent()).as("a newer version's script").isFalse();

    TestDatabases.execute(
        db,
        "DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '99'",
        "UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"script\" LIKE 'V2%'");
    assertThat(db.schemaIsCurrent()).as("a failed script").isFalse();

    TestDatabases.execute(
        db, "UPDATE \"flyway_schema_history\" SET \"success\" = TRUE WHERE \"script\" LIKE 'V2%'");
    assertThat(db.schemaIsCurrent()).as("the history restored").isTrue();
  }

  @Test
  void startingWithoutTheKeyThatSealedTheDataFails() {
    storeDi("someone");
    KeyRing other = KeyRing.parse(KeyRing.generateKeySpec());

    assertUnreadable(() -> open(other), OLD.active().id());
  }

  @Test
  void startingWithAWrongKeyUnderTheRightIdFails() {
    String id = OLD.active().id();
    KeyRing impostor = KeyRing.parse(id + ":" + KeyRing.generateKeySpec().split(":")[1]);

    assertUnreadable(() -> open(impostor), "'" + id + "'", "wrong key");
  }

  @Test
  void rekeyReSealsEveryRowSoThatTheOldKeyCanBeRetired() {
    GarminConnection di = storeDi("a-di");
    GarminConnection legacy = storeLegacy("b-legacy");
    MfaChallenge challenge = storeChallenge("c-mfa");
    String newSpec = KeyRing.generateKeySpec();
    KeyRing rotated = KeyRing.parse(newSpec + "," + OLD_SPEC);

    RekeyReport report = open(rotated).rekey(1);

    assertThat(report.connectionsResealed()).isEqualTo(2);
    assertThat(report.challengesResealed()).isEqualTo(1);
    assertThat(report.complete()).isTrue();
    GarminAuthDatabase newOnly = open(KeyRing.parse(newSpec));
    assertThat(newOnly.connections().find(di.userId())).contains(di);
    assertThat(newOnly.connections().find(legacy.userId())).contains(legacy);
    assertThat(newOnly.challenges().find(challenge.id())).contains(challenge);
    assertThat(open(rotated).rekey(10)).isEqualTo(new RekeyReport(rotated.active().id(), 0, 0, 0));
  }

  @Test
  void aClosedPoolIsARetryableStorageUnavailable() {
    storeDi("anyone");
    db.close();

    assertThat(db.isReady()).isFalse();
    assertThatThrownBy(() -> db.connections().find(UserId.of("anyone")))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
              assertThat(e.retryable()).isTrue();
            });
    assertThatThrownBy(() -> db.loginAttempts().recordAttempt("k", T0))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
  }
}
