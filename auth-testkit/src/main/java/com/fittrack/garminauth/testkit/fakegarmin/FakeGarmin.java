package com.fittrack.garminauth.testkit.fakegarmin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.MockWebServer;

/**
 * A fake Garmin: a real HTTP server (OkHttp MockWebServer with a dispatcher) that speaks the
 * sign-in, token and profile endpoints of GARMIN-PROTOCOL.md with their paths, methods, content
 * types, status codes, bodies and cookies, so that the real client can be tested, demoed and
 * load-tested without Garmin. All of sso, connectapi and diauth are served on one base URL.
 *
 * <pre>{@code
 * try (FakeGarmin fake = FakeGarmin.builder()
 *     .account(FakeAccount.withMfa("a@example.com", "pw", "sms", "123456"))
 *     .accessTokenLifetime(Duration.ofSeconds(5))
 *     .strictRefreshTokenReuse(true)
 *     .start()) {
 *   fake.failNext(FakeEndpoint.DI_TOKEN, Fault.status(503), 1);
 *   ... // point a client at fake.ssoUrl(), fake.connectApiUrl(), fake.diAuthUrl()
 *   assertThat(fake.counters().reuseDetections()).isZero();
 * }
 * }</pre>
 *
 * <p>Thread-safe: any number of clients may call it at once, and tests may script it meanwhile.
 */
public final class FakeGarmin implements AutoCloseable {
  /** The OAuth1 consumer the legacy endpoints accept. */
  public static final String CONSUMER_KEY = "fake-garmin-consumer-key";

  public static final String CONSUMER_SECRET = "fake-garmin-consumer-secret-4f1c9a";
  public static final String DEMO_EMAIL = "demo@example.com";
  public static final String DEMO_MFA_EMAIL = "mfa@example.com";
  public static final String DEMO_PASSWORD = "demo-password";
  public static final String DEMO_MFA_CODE = "123456";

  // Held so that the level sticks: MockWebServer logs every request line, tickets included.
  private static final Logger SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  private final MockWebServer server = new MockWebServer();
  private final FakeSettings settings;
  private final FakeSettings initial;
  private final Map<String, FakeAccount> accounts = new ConcurrentHashMap<>();
  private final Map<FakeStrategy, Block> blocks = new ConcurrentHashMap<>();
  private final FaultPlan faults = new FaultPlan();
  private final FakeGarminCounters counters = new FakeGarminCounters();
  private final SsoSessions sessions;
  private final FakeTokens tokens;

  private FakeGarmin(Builder b) {
    this.settings = b.settings;
    this.initial = b.settings.copy();
    b.accounts.forEach(a -> accounts.put(a.email(), a));
    this.blocks.putAll(b.blocks);
    this.sessions = new SsoSessions(settings);
    this.tokens = new FakeTokens(settings);
    FakeSso sso = new FakeSso(accounts, blocks, sessions, tokens, counters);
    FakeConnectApi api = new FakeConnectApi(settings, accounts, tokens, counters);
    server.setDispatcher(
        new FakeGarminDispatcher(settings, faults, sso, api, counters, this::forgetRequests));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Started on a free port with the demo accounts (see {@link Builder#demoAccounts()}). */
  public static FakeGarmin startWithDemoAccounts() {
    return builder().demoAccounts().start();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:54321}. */
  public URI baseUrl() {
    String url = server.url("/").toString();
    return URI.create(url.substring(0, url.length() - 1));
  }

  public URI ssoUrl() {
    return baseUrl();
  }

  public URI connectApiUrl() {
    return baseUrl();
  }

  public URI diAuthUrl() {
    return baseUrl();
  }

  public int port() {
    return server.getPort();
  }

  public FakeGarminCounters counters() {
    return counters;
  }

  public FakeGarmin addAccount(FakeAccount account) {
    accounts.put(account.email(), account);
    return this;
  }

  /** Refuses {@code strategy}'s login posts the way {@code how} says, until {@link #unblock}. */
  public FakeGarmin block(FakeStrategy strategy, Block how) {
    blocks.put(strategy, how);
    return this;
  }

  /** Blocks every sign-in flow. */
  public FakeGarmin blockAll(Block how) {
    for (FakeStrategy s : FakeStrategy.values()) {
      blocks.put(s, how);
    }
    return this;
  }

  public FakeGarmin unblock(FakeStrategy strategy) {
    blocks.remove(strategy);
    return this;
  }

  /** The next {@code times} requests to {@code endpoint} meet {@code fault}. */
  public FakeGarmin failNext(FakeEndpoint endpoint, Fault fault, int times) {
    faults.next(endpoint, fault, times);
    return this;
  }

  /** Every request to {@code endpoint} meets {@code fault} until {@link #clearFaults()}. */
  public FakeGarmin failAlways(FakeEndpoint endpoint, Fault fault) {
    faults.always(endpoint, fault);
    return this;
  }

  public FakeGarmin clearFaults() {
    faults.clear();
    return this;
  }

  /** Which DI client ids the ticket and refresh grants accept (none: only OAuth1 works). */
  public FakeGarmin acceptDiClientIds(Collection<String> clientIds) {
    settings.acceptedDiClientIds = Set.copyOf(clientIds);
    return this;
  }

  /** Strict reuse detection: a spent refresh token presented again revokes its whole family. */
  public FakeGarmin strictRefreshTokenReuse(boolean strict) {
    settings.strictReuse = strict;
    return this;
  }

  public FakeGarmin accessTokenLifetime(Duration lifetime) {
    settings.accessTokenLifetime(lifetime);
    return this;
  }

  /** The size of every activity file download (default 256 KiB); generated as it is sent. */
  public FakeGarmin downloadSize(long bytes) {
    if (bytes < 4) {
      throw new IllegalArgumentException("a download is at least 4 bytes");
    }
    settings.downloadBytes = bytes;
    return this;
  }

  /** A fixed delay before every answer. */
  public FakeGarmin latency(Duration latency) {
    settings.latency = Objects.requireNonNull(latency, "latency");
    return this;
  }

  /**
   * Closes every connection right after its answer, without saying so ({@code Connection: close} is
   * not sent), as a front that drops idle keep-alive connections does: a client that reuses a
   * pooled connection finds it closed.
   */
  public FakeGarmin closeConnectionAfterEachAnswer(boolean close) {
    settings.closeAfterEachAnswer = close;
    return this;
  }

  /**
   * Makes the API refuse, with 401 "Token is not active", DI tokens that {@code email} got for a
   * ticket of the widget's {@code /sso/embed} service (GARMIN-PROTOCOL 7: some accounts since
   * mid-2026). The sign-in itself succeeds; only the API says no.
   */
  public FakeGarmin refuseEmbedServiceTokens(String email) {
    java.util.Set<String> refused = new java.util.HashSet<>(settings.embedTokensRefused);
    refused.add(email.toLowerCase(Locale.ROOT));
    settings.embedTokensRefused = Set.copyOf(refused);
    return this;
  }

  /** Revokes every session of the account, as a password change does. */
  public FakeGarmin revokeSessions(String email) {
    tokens.revokeAll(email.toLowerCase(Locale.ROOT));
    return this;
  }

  /**
   * Stops accepting {@code accessToken} at the API, as Garmin does when it ends a token early; the
   * session's refresh token keeps working, so a client should refresh and retry.
   */
  public FakeGarmin rejectAccessToken(String accessToken) {
    tokens.rejectAccessToken(accessToken);
    return this;
  }

  /**
   * Back to the state after {@link Builder#start()}: settings and blocks as built, no faults, no
   * sessions or tokens, counters at zero. Accounts added since are kept.
   */
  public void reset() {
    faults.clear();
    blocks.clear();
    sessions.clear();
    tokens.clear();
    counters.reset();
    settings.restore(initial);
  }

  @Override
  public void close() {
    server.close();
  }

  private void start(InetAddress address, int port) {
    SERVER_LOG.setLevel(Level.WARNING);
    server.setServerSocketFactory(new NoDelayServerSockets());
    // uploads are counted, not kept: the recorded body stops at 1 MiB, its size does not
    server.setBodyLimit(1 << 20);
    try {
      server.start(address, port);
    } catch (IOException e) {
      throw new UncheckedIOException("FakeGarmin could not start", e);
    }
  }

  /** MockWebServer keeps every request for takeRequest(); nobody takes them here, so drop them. */
  private void forgetRequests() {
    try {
      while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
        // dropped
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs FakeGarmin standalone with the demo accounts until killed; see {@link FakeGarminMain} for
   * the options.
   */
  public static void main(String[] args) throws InterruptedException {
    FakeGarminMain.main(args);
  }

  /** Configures a FakeGarmin before it starts. */
  public static final class Builder {
    private final FakeSettings settings = new FakeSettings();
    private final List<FakeAccount> accounts = new ArrayList<>();
    private final Map<FakeStrategy, Block> blocks = new EnumMap<>(FakeStrategy.class);
    private InetAddress address = InetAddress.getLoopbackAddress();
    private int port;

    private Builder() {}

    public Builder account(FakeAccount account) {
      accounts.add(Objects.requireNonNull(account, "account"));
      return this;
    }

    /**
     * {@code demo@example.com} / {@code demo-password} without MFA, and {@code mfa@example.com} /
     * {@code demo-password} with MFA by email, code {@code 123456}.
     */
    public Builder demoAccounts() {
      accounts.add(FakeAccount.plain(DEMO_EMAIL, DEMO_PASSWORD));
      accounts.add(FakeAccount.withMfa(DEMO_MFA_EMAIL, DEMO_PASSWORD, "email", DEMO_MFA_CODE));
      return this;
    }

    public Builder block(FakeStrategy strategy, Block how) {
      blocks.put(strategy, how);
      return this;
    }

    /** DI access token lifetime (the legacy exchange's too). */
    public Builder accessTokenLifetime(Duration lifetime) {
      settings.accessTokenLifetime(lifetime);
      return this;
    }

    public Builder accessTokenLifetimeSeconds(long seconds) {
      return accessTokenLifetime(Duration.ofSeconds(seconds));
    }

    public Builder refreshTokenLifetime(Duration lifetime) {
      settings.refreshTokenLifetime(lifetime);
      return this;
    }

    /** Whether each DI refresh issues a new refresh token and spends the old one (default on). */
    public Builder rotateRefreshTokens(boolean rotate) {
      settings.rotateRefreshTokens = rotate;
      return this;
    }

    /** Whether presenting a spent refresh token revokes its whole family (default off). */
    public Builder strictRefreshTokenReuse(boolean strict) {
      settings.strictReuse = strict;
      return this;
    }

    public Builder acceptDiClientIds(Collection<String> clientIds) {
      settings.acceptedDiClientIds = Set.copyOf(clientIds);
      return this;
    }

    public Builder latency(Duration latency) {
      settings.latency = Objects.requireNonNull(latency, "latency");
      return this;
    }

    /** The clock of token expiries (share it with the client under test). */
    public Builder clock(Clock clock) {
      settings.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where to listen (default: the loopback address). */
    public Builder address(InetAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The port (default 0: a free one). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0-65535");
      }
      this.port = port;
      return this;
    }

    public FakeGarmin start() {
      FakeGarmin fake = new FakeGarmin(this);
      fake.start(address, port);
      return fake;
    }
  }
}
