package com.fittrack.garminauth.bench;

import com.fittrack.garminauth.core.GarminAuth;
import com.fittrack.garminauth.core.application.RefreshSweeper;
import com.fittrack.garminauth.core.application.RefreshSweeper.SweepReport;
import com.fittrack.garminauth.core.application.SweepSettings;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Figure 2: one sweep refreshing {@code dueUsers} sessions (out of {@code storedUsers} stored)
 * against a Garmin that answers every refresh after {@code latencyMillis}, with {@code parallelism}
 * refreshes at a time. The ceiling is parallelism / latency refreshes per second; the score is the
 * time of the whole sweep, so achieved = dueUsers / score.
 *
 * <p>The sweep must refresh every due session, or the run fails: a fast sweep that skipped work
 * must not look like a good figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RefreshThroughputBenchmark {
  @Param({"h2mem"})
  public String target;

  @Param({""})
  public String keyFile;

  @Param({"10000"})
  public int storedUsers;

  @Param({"10000"})
  public int dueUsers;

  @Param({"16"})
  public int parallelism;

  @Param({"20"})
  public int latencyMillis;

  /** {@code stub}: {@link SleepingGarmin}; {@code fake}: the real client against FakeGarmin. */
  @Param({"stub"})
  public String garmin;

  /** The sweeper's batch size (its default is 64). */
  @Param({"64"})
  public int batchSize;

  private GarminAuthDatabase db;
  private RefreshGarmin refreshGarmin;
  private RefreshSweeper sweeper;

  @Setup(Level.Trial)
  public void open() throws Exception {
    if (dueUsers > storedUsers) {
      throw new IllegalArgumentException("dueUsers must not exceed storedUsers");
    }
    KeyRing keys =
        keyFile.isEmpty()
            ? KeyRing.parse(KeyRing.generateKeySpec())
            : KeyRing.loadOrCreate(Path.of(keyFile));
    db = GarminAuthDatabase.open(BenchTarget.parse(target).settings(), keys);
    db.migrate();
    Clock clock = Clock.systemUTC();
    refreshGarmin = RefreshGarmin.start(garmin, Duration.ofMillis(latencyMillis), clock);
    refreshGarmin.prepare(db, storedUsers, dueUsers);
    GarminAuth auth =
        GarminAuth.builder()
            .connections(db.connections())
            .challenges(db.challenges())
            .authenticator(refreshGarmin.authenticator())
            .clock(clock)
            .build();
    SweepSettings defaults = SweepSettings.defaults();
    sweeper =
        auth.sweeper(
            new SweepSettings(
                defaults.horizon(),
                defaults.interval(),
                batchSize,
                parallelism,
                defaults.rateLimitPause()));
  }

  @Setup(Level.Iteration)
  public void makeDue() {
    Seeder.makeDue(db.dataSource(), dueUsers, Instant.now().plus(Duration.ofMinutes(1)));
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    sweeper.close();
    refreshGarmin.close();
    db.close();
  }

  @Benchmark
  public SweepReport sweep() {
    SweepReport report = sweeper.sweepOnce();
    if (report.refreshed() != dueUsers) {
      throw new IllegalStateException(
          "the sweep refreshed " + report.refreshed() + " of " + dueUsers + ": " + report);
    }
    return report;
  }
}
