package com.fittrack.garminauth.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.testkit.contract.SampleSessions;
import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Four JVMs with a pool each, eight threads in each, race for one user's refresh lease at the same
 * moment: Garmin would see exactly one refresh.
 */
@Tag("integration")
class PostgresLeaseAcrossProcessesTest {
  private static final int PROCESSES = 4;
  private static final int THREADS = 8;
  private static final Instant NOW = TestDatabases.CLOCK.instant();

  private PostgresTestDatabase pg;
  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void createSchema() {
    pg = PostgresTestDatabase.create();
  }

  @AfterEach
  void cleanUp() {
    processes.forEach(Process::destroyForcibly);
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void thirtyTwoRacersInFourProcessesRefreshOnce() throws Exception {
    String keySpec = KeyRing.generateKeySpec();
    UserId user = UserId.of("shared-user");
    try (GarminAuthDatabase db =
        GarminAuthDatabase.open(TestDatabases.settings(pg), KeyRing.parse(keySpec))) {
      db.migrate();
      db.connections().insert(SampleSessions.connected(user, NOW, NOW.plusSeconds(10)));
    }

    List<BufferedReader> outputs = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      Process process = start(keySpec, user, "process-" + p);
      processes.add(process);
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      outputs.add(out);
    }
    for (BufferedReader out : outputs) {
      assertThat(out.readLine()).isEqualTo("ready");
    }
    for (Process process : processes) {
      OutputStream go = process.getOutputStream();
      go.write('\n');
      go.flush();
    }
    List<String> outcomes = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      for (int t = 0; t < THREADS; t++) {
        outcomes.add(outputs.get(p).readLine());
      }
      assertThat(processes.get(p).waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(processes.get(p).exitValue()).isZero();
    }

    assertThat(outcomes).hasSize(PROCESSES * THREADS).isSubsetOf("refreshed", "fresh", "busy");
    assertThat(outcomes).filteredOn("refreshed"::equals).hasSize(1);
    try (GarminAuthDatabase db =
        GarminAuthDatabase.open(TestDatabases.settings(pg), KeyRing.parse(keySpec))) {
      GarminConnection stored = db.connections().find(user).orElseThrow();
      assertThat(stored.version()).isEqualTo(2);
      assertThat(stored.lastRefreshedAt()).contains(NOW);
    }
  }

  private Process start(String keySpec, UserId user, String name) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            LeaseRacerProcess.class.getName(),
            pg.jdbcUrl(),
            pg.user(),
            pg.password().isEmpty() ? "" : pg.password(),
            keySpec,
            user.value(),
            name,
            Integer.toString(THREADS),
            NOW.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }
}
