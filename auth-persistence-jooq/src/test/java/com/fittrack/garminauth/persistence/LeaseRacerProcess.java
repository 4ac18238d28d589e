package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.core.application.port.out.LeaseRequest;
import com.fittrack.garminauth.core.application.port.out.RefreshLease;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.testkit.contract.Race;
import com.fittrack.garminauth.testkit.contract.SampleSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One worker process for {@link PostgresLeaseAcrossProcessesTest}: opens its own pool, prints
 * {@code ready}, waits for a line on stdin (the start signal shared by all processes), then races
 * its threads for the refresh lease as the facade would and prints one outcome per thread: {@code
 * refreshed} (won and refreshed), {@code fresh} (won after someone else had refreshed) or {@code
 * busy} (did not get the lease).
 */
public final class LeaseRacerProcess {
  private LeaseRacerProcess() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String password = args[2];
    KeyRing keys = KeyRing.parse(args[3]);
    UserId userId = UserId.of(args[4]);
    String process = args[5];
    int threads = Integer.parseInt(args[6]);
    Instant now = Instant.parse(args[7]);
    try (GarminAuthDatabase db =
        GarminAuthDatabase.open(
            DatabaseSettings.postgres(url, user, password).withMaxPoolSize(threads), keys)) {
      System.out.println("ready");
      System.out.flush();
      if (System.in.read() < 0) {
        throw new IllegalStateException("no start signal");
      }
      List<Race.Outcome<String>> outcomes =
          Race.run(threads, racer -> race(db, userId, process + "-" + racer, now));
      for (Race.Outcome<String> o : outcomes) {
        System.out.println(o.succeeded() ? o.value() : "failed " + o.failure());
      }
    }
  }

  private static String race(GarminAuthDatabase db, UserId userId, String holder, Instant now) {
    Optional<RefreshLease> lease =
        db.connections()
            .tryAcquireRefreshLease(userId, new LeaseRequest(holder, now, now.plusSeconds(30)));
    if (lease.isEmpty()) {
      return "busy";
    }
    GarminConnection leased = lease.get().connection();
    if (!leased.needsRefresh(now, Duration.ofMinutes(5))) {
      db.connections().releaseRefreshLease(lease.get());
      return "fresh";
    }
    db.connections()
        .completeRefresh(
            lease.get(),
            leased.refreshed(SampleSessions.diCredentials(now.plusSeconds(3600)), now));
    return "refreshed";
  }
}
