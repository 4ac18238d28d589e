package com.fittrack.garminauth.testkit.fakegarmin;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * FakeGarmin as a process, for the server's demo and for tests that run several processes against
 * one fake: {@code java -cp ... com.fittrack.garminauth.testkit.fakegarmin.FakeGarminMain --port
 * 7080}.
 */
public final class FakeGarminMain {
  private FakeGarminMain() {}

  /**
   * Runs FakeGarmin standalone with the demo accounts until killed. Options: {@code --port N}
   * (default: a free port), {@code --access-token-lifetime SECONDS}, {@code --strict-reuse}, {@code
   * --latency-ms N}. What it saw is at {@code GET /__fakegarmin/counters}.
   */
  public static void main(String[] args) throws InterruptedException {
    FakeGarmin.Builder builder = FakeGarmin.builder().demoAccounts();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> builder.port(Integer.parseInt(args[++i]));
        case "--access-token-lifetime" ->
            builder.accessTokenLifetimeSeconds(Long.parseLong(args[++i]));
        case "--strict-reuse" -> builder.strictRefreshTokenReuse(true);
        case "--latency-ms" -> builder.latency(Duration.ofMillis(Long.parseLong(args[++i])));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    FakeGarmin fake = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  fake.close();
                  stopped.countDown();
                }));
    System.out.println("FakeGarmin listening on " + fake.baseUrl());
    System.out.println(
        "  " + FakeGarmin.DEMO_EMAIL + " / " + FakeGarmin.DEMO_PASSWORD + " (no MFA)");
    System.out.println(
        "  "
            + FakeGarmin.DEMO_MFA_EMAIL
            + " / "
            + FakeGarmin.DEMO_PASSWORD
            + " (MFA by email, code "
            + FakeGarmin.DEMO_MFA_CODE
            + ")");
    System.out.println(
        "  OAuth1 consumer: " + FakeGarmin.CONSUMER_KEY + " / " + FakeGarmin.CONSUMER_SECRET);
    System.out.println("  counters: " + fake.baseUrl() + "/__fakegarmin/counters");
    stopped.await();
  }
}
