package com.fittrack.garminauth.testkit.fakegarmin;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * FakeGarmin as a process, for staging setups, the server's demo and tests that run several
 * processes against one fake. The testkit build makes it a runnable jar:
 *
 * <pre>{@code
 * java -jar auth-testkit/target/fake-garmin.jar --port 7080
 * }</pre>
 *
 * It prints the demo accounts and the {@code GARMIN_AUTH_*} settings that point a garmin-auth
 * server at it, then runs until killed.
 */
public final class FakeGarminMain {
  static final String USAGE =
      String.join(
          "\n",
          "Usage: java -jar fake-garmin.jar [--port N] [--access-token-lifetime SECONDS]",
          "                                 [--strict-reuse] [--latency-ms N] [--help]",
          "Runs a fake Garmin (SSO, DI and OAuth1 token endpoints, a sample Connect API) with the",
          "demo accounts until killed.",
          "  --port N                          port on 127.0.0.1 (default: any free port)",
          "  --access-token-lifetime SECONDS   lifetime of issued access tokens (default 3600)",
          "  --strict-reuse                    a spent refresh token revokes its whole family",
          "  --latency-ms N                    delay before every answer",
          "What it saw: GET /__fakegarmin/counters.");

  private FakeGarminMain() {}

  /** Runs FakeGarmin until killed; exits 2 on a bad option (see {@link #USAGE}). */
  public static void main(String[] args) throws InterruptedException {
    FakeGarmin.Builder builder;
    try {
      builder = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("fake-garmin: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (builder == null) {
      System.out.println(USAGE);
      return;
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
    System.out.println(banner(fake));
    System.out.flush();
    stopped.await();
  }

  /** The configured builder; {@code null} when help was asked for. */
  static FakeGarmin.Builder parse(String... args) {
    FakeGarmin.Builder builder = FakeGarmin.builder().demoAccounts();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--help", "-h" -> {
          return null;
        }
        case "--port" -> builder.port((int) number(option, args, ++i, 0, 65535));
        case "--access-token-lifetime" ->
            builder.accessTokenLifetimeSeconds(number(option, args, ++i, 1, 31_536_000));
        case "--strict-reuse" -> builder.strictRefreshTokenReuse(true);
        case "--latency-ms" ->
            builder.latency(Duration.ofMillis(number(option, args, ++i, 0, 60_000)));
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return builder;
  }

  private static long number(String option, String[] args, int at, long min, long max) {
    if (at >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    try {
      long n = Long.parseLong(args[at]);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new IllegalArgumentException(option + " must be a whole number " + min + "-" + max);
  }

  /** What the process prints once it listens: the accounts and how to point garmin-auth at it. */
  static String banner(FakeGarmin fake) {
    return String.join(
        "\n",
        "FakeGarmin listening on " + fake.baseUrl(),
        "  accounts:  " + FakeGarmin.DEMO_EMAIL + " / " + FakeGarmin.DEMO_PASSWORD + "   (no MFA)",
        "             "
            + FakeGarmin.DEMO_MFA_EMAIL
            + "  / "
            + FakeGarmin.DEMO_PASSWORD
            + "   (MFA by email, code "
            + FakeGarmin.DEMO_MFA_CODE
            + ")",
        "  point a garmin-auth server at it with:",
        "    GARMIN_AUTH_GARMIN_SSO_URL=" + fake.ssoUrl(),
        "    GARMIN_AUTH_GARMIN_CONNECTAPI_URL=" + fake.connectApiUrl(),
        "    GARMIN_AUTH_GARMIN_DIAUTH_URL=" + fake.diAuthUrl(),
        "    GARMIN_AUTH_GARMIN_ALLOW_CUSTOM_ENDPOINTS=true",
        "    GARMIN_AUTH_GARMIN_OAUTH_CONSUMER_KEY=" + FakeGarmin.CONSUMER_KEY,
        "    GARMIN_AUTH_GARMIN_OAUTH_CONSUMER_SECRET=" + FakeGarmin.CONSUMER_SECRET,
        "  counters:  " + fake.baseUrl() + "/__fakegarmin/counters");
  }
}
