package com.fittrack.garminauth.garmin;

import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
import com.fittrack.garminauth.core.application.port.out.GarminConnectApi;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.LegacyOAuthCredentials;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.ValidationException;
import com.fittrack.garminauth.garmin.http.EgressProxy;
import com.fittrack.garminauth.garmin.http.GarminHttp;
import com.fittrack.garminauth.garmin.http.GarminHttpClients;
import com.fittrack.garminauth.garmin.http.GarminTls;
import com.fittrack.garminauth.garmin.http.Transport;
import com.fittrack.garminauth.garmin.signin.EmbedWidgetStrategy;
import com.fittrack.garminauth.garmin.signin.MobileApiStrategy;
import com.fittrack.garminauth.garmin.signin.MobileIosStrategy;
import com.fittrack.garminauth.garmin.signin.PortalApiStrategy;
import com.fittrack.garminauth.garmin.signin.SessionCheck;
import com.fittrack.garminauth.garmin.signin.SignInManager;
import com.fittrack.garminauth.garmin.signin.SignInPacing;
import com.fittrack.garminauth.garmin.signin.SignInStrategy;
import com.fittrack.garminauth.garmin.signin.StrategyResult;
import com.fittrack.garminauth.garmin.token.DiTokenService;
import com.fittrack.garminauth.garmin.token.LegacyTokenService;
import com.fittrack.garminauth.garmin.token.OAuth1Signer;
import com.fittrack.garminauth.garmin.token.TicketExchanger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * The Garmin authenticator on OkHttp: signs in through the configured SSO strategies, finishes MFA
 * from a serialized resume state, exchanges tickets (DI OAuth2, legacy OAuth1 as fallback),
 * refreshes both credential families and looks up who the user is. It holds no per-user state, so
 * one instance serves every user and thread.
 *
 * <pre>{@code
 * GarminClient client = GarminClient.builder()
 *     .endpoints(GarminEndpoints.forDomain("garmin.com"))
 *     .oauthConsumer(consumerKey, Secret.of(consumerSecret))
 *     .build();
 * }</pre>
 */
public final class GarminClient implements GarminAuthenticator {
  private static final int MAX_CODE_LENGTH = 16;

  /** How long a sign-in, MFA or DI exchange call may take by default (current clients: 30 s). */
  public static final Duration DEFAULT_SIGN_IN_TIMEOUT = Duration.ofSeconds(30);

  private final SignInManager signIns;
  private final TicketExchanger exchanger;
  private final DiTokenService di;
  private final Optional<LegacyTokenService> legacy;
  private final SocialProfile profile;
  private final ConnectApiClient connectApi;
  private final GarminHttpClients clients;

  private GarminClient(Builder b) {
    this.clients = b.httpClients();
    GarminHttp http = new GarminHttp(clients, b.transport, b.clock, b.sleeper);
    Map<SignInFlow, SignInStrategy> all = new EnumMap<>(SignInFlow.class);
    all.put(SignInFlow.MOBILE_API, new MobileApiStrategy());
    all.put(SignInFlow.EMBED_WIDGET, new EmbedWidgetStrategy());
    all.put(SignInFlow.PORTAL_API, new PortalApiStrategy());
    all.put(SignInFlow.MOBILE_IOS, new MobileIosStrategy());
    List<SignInStrategy> order = new ArrayList<>();
    b.flows.forEach(f -> order.add(all.get(f)));
    this.signIns =
        new SignInManager(
            order,
            List.copyOf(all.values()),
            b.endpoints,
            http,
            b.clock,
            b.pacing,
            b.signInTimeout);
    this.di = new DiTokenService(b.endpoints, http, b.clock, b.diClientIds, b.signInTimeout);
    this.legacy =
        b.consumerKey == null
            ? Optional.empty()
            : Optional.of(
                new LegacyTokenService(
                    b.endpoints,
                    http,
                    b.clock,
                    new OAuth1Signer(b.consumerKey, b.consumerSecret, b.clock)));
    this.exchanger = new TicketExchanger(di, legacy);
    this.profile = new SocialProfile(b.endpoints, http);
    this.connectApi = new ConnectApiClient(b.endpoints, http.plain());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SignInOutcome signIn(String email, Secret password) {
    if (email == null || email.isBlank() || email.length() > 320) {
      throw new ValidationException("email", "must be 1-320 characters");
    }
    Objects.requireNonNull(password, "password");
    return signIns.signIn(email.trim(), password, (strategy, ticket) -> checked(ticket));
  }

  @Override
  public SignInOutcome.SignedIn completeMfa(MfaMethod method, Secret resumeState, String code) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(resumeState, "resumeState");
    String trimmed = code == null ? "" : code.trim();
    if (trimmed.isEmpty() || trimmed.length() > MAX_CODE_LENGTH) {
      throw new ValidationException("code", "must be 1-" + MAX_CODE_LENGTH + " characters");
    }
    SessionCheck.Checked checked =
        checked(signIns.completeMfa(method, resumeState, trimmed).ticket());
    if (checked instanceof SessionCheck.Accepted accepted) {
      return accepted.signedIn();
    }
    // No next strategy after MFA: a new code would need a new sign-in.
    throw new GarminProtocolException(
        "MFA was accepted, but " + ((SessionCheck.Refused) checked).why() + "; sign in again");
  }

  @Override
  public GarminCredentials refresh(GarminCredentials current) {
    Objects.requireNonNull(current, "current");
    if (current instanceof DiOAuth2Credentials d) {
      return di.refresh(d);
    }
    LegacyOAuthCredentials l = (LegacyOAuthCredentials) current;
    return legacy
        .orElseThrow(
            () ->
                new GarminProtocolException(
                    "legacy OAuth1 sessions need an OAuth1 consumer, and none is configured"))
        .refresh(l);
  }

  @Override
  public Optional<GarminIdentity> identify(GarminCredentials credentials) {
    return profile.lookup(credentials.accessToken());
  }

  /**
   * Streamed Connect API calls on this client's transport (the same OkHttp client, pool, identity
   * and proxy as sign-in and refresh), for the proxy use case.
   */
  public GarminConnectApi connectApi() {
    return connectApi;
  }

  /** The TLS stack Garmin sees: {@link GarminTls#CONSCRYPT} or {@link GarminTls#JDK}. */
  public GarminTls tlsIdentity() {
    return clients.identity();
  }

  /**
   * A client for Garmin Connect API calls with this client's identity (TLS stack, egress proxy, the
   * app's headers); add a {@link GarminConnectAuthInterceptor} for the user's token.
   *
   * <pre>{@code
   * OkHttpClient api = garminClient.connectApiClient().newBuilder()
   *     .addInterceptor(new GarminConnectAuthInterceptor(auth.sessions(), UserId.of("user-42")))
   *     .build();
   * }</pre>
   */
  public OkHttpClient connectApiClient() {
    return clients.tokensAndApi();
  }

  /** Exchanges the ticket and checks the new session with the API before anyone hears of it. */
  private SessionCheck.Checked checked(StrategyResult.Ticket ticket) {
    GarminCredentials credentials = exchanger.exchange(ticket);
    SocialProfile.Verdict verdict = profile.verify(credentials.accessToken());
    if (verdict instanceof SocialProfile.Refused refused) {
      return new SessionCheck.Refused(refused.why());
    }
    return new SessionCheck.Accepted(
        new SignInOutcome.SignedIn(credentials, ((SocialProfile.Accepted) verdict).identity()));
  }

  /** Configures a {@link GarminClient}; every setting has a production default. */
  public static final class Builder {
    private GarminEndpoints endpoints = GarminEndpoints.forDomain("garmin.com");
    private boolean allowCustomEndpoints;
    private String consumerKey;
    private Secret consumerSecret;
    private Clock clock = Clock.systemUTC();
    private List<SignInFlow> flows = SignInFlow.DEFAULT_ORDER;
    private List<String> diClientIds = DiTokenService.DEFAULT_CLIENT_IDS;
    private Transport transport = Transport.defaults();
    private OkHttpClient okHttp;
    private GarminHttp.Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    // Unset: current clients' pauses against Garmin, none against custom endpoints (a fake),
    // where pausing would fool nobody and only slow tests and demos down.
    private SignInPacing pacing;
    private Duration signInTimeout = DEFAULT_SIGN_IN_TIMEOUT;
    private final GarminHttpClients.Builder identity = GarminHttpClients.builder();

    private Builder() {}

    /**
     * The TLS stack Garmin sees (ADR 0212): {@code AUTO} (default) is Conscrypt, the Android app's
     * handshake, where its native library loads, else the JDK with a warning; {@code CONSCRYPT}
     * makes {@link #build()} fail without it.
     */
    public Builder tls(GarminTls tls) {
      identity.tls(tls);
      return this;
    }

    /** The proxy every Garmin call leaves through (HTTP with CONNECT, or SOCKS5). */
    public Builder egressProxy(EgressProxy proxy) {
      identity.proxy(proxy);
      return this;
    }

    /** A separate proxy for sign-in calls only (token refreshes keep {@link #egressProxy}). */
    public Builder signInProxy(EgressProxy proxy) {
      identity.signInProxy(proxy);
      return this;
    }

    /** The server certificates to trust; the JDK's trusted CAs by default (tests, TLS fakes). */
    public Builder trustManager(X509TrustManager trust) {
      identity.trustManager(trust);
      return this;
    }

    private GarminHttpClients httpClients() {
      if (okHttp != null) {
        identity.base(okHttp);
      }
      return identity.build();
    }

    public Builder endpoints(GarminEndpoints endpoints) {
      this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
      return this;
    }

    /** Opts in to endpoints other than Garmin's own (fakes, tests, the demo). */
    public Builder allowCustomEndpoints(boolean allow) {
      this.allowCustomEndpoints = allow;
      return this;
    }

    /** The OAuth1 consumer of the legacy path; without it only DI OAuth2 is used. */
    public Builder oauthConsumer(String key, Secret secret) {
      if (key == null || key.isBlank()) {
        throw new ValidationException("oauthConsumerKey", "must not be blank");
      }
      this.consumerKey = key;
      this.consumerSecret = Objects.requireNonNull(secret, "secret");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Which sign-in flows to try, in order. */
    public Builder signInFlows(List<SignInFlow> flows) {
      if (flows.isEmpty() || flows.stream().distinct().count() != flows.size()) {
        throw new IllegalArgumentException("sign-in flows must be non-empty and distinct");
      }
      this.flows = List.copyOf(flows);
      return this;
    }

    /** DI client ids to try, in order. */
    public Builder diClientIds(List<String> ids) {
      if (ids.isEmpty()) {
        throw new IllegalArgumentException("at least one DI client id is needed");
      }
      this.diClientIds = List.copyOf(ids);
      return this;
    }

    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * A base OkHttp client to share its connection pool and dispatcher; its settings are kept,
     * except the TLS socket factory, which {@link #tls} decides (custom trust: {@link
     * #trustManager}).
     */
    public Builder okHttpClient(OkHttpClient client) {
      this.okHttp = Objects.requireNonNull(client, "client");
      return this;
    }

    /** How retries wait; tests pass one that does not. */
    public Builder sleeper(GarminHttp.Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The sign-in strategies to try, in order, as a comma list of their names ({@code mobile-ios,
     * mobile-api, embed-widget, portal-api}); see {@link SignInFlow#parseList(String)}.
     */
    public Builder signInStrategies(String commaList) {
      return signInFlows(SignInFlow.parseList(commaList));
    }

    /**
     * The pauses between loading a sign-in page and posting to it. Default: {@link
     * SignInPacing#defaults()} against Garmin, {@link SignInPacing#none()} against custom
     * endpoints.
     */
    public Builder signInPacing(SignInPacing pacing) {
      this.pacing = Objects.requireNonNull(pacing, "pacing");
      return this;
    }

    /**
     * How long each sign-in, MFA and DI ticket-exchange call may wait for Garmin (default 30 s, as
     * current clients; Garmin's sign-in answers can be slow). Refreshes keep the transport's
     * shorter limit, which the refresh lease is sized for.
     */
    public Builder signInTimeout(Duration timeout) {
      if (timeout == null
          || timeout.isNegative()
          || timeout.isZero()
          || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException(
            "sign-in timeout must be positive and at most 5 minutes");
      }
      this.signInTimeout = timeout;
      return this;
    }

    public GarminClient build() {
      if (endpoints.isCustom() && !allowCustomEndpoints) {
        throw new IllegalStateException(
            "custom Garmin endpoints send credentials to another host; "
                + "enable them explicitly with allowCustomEndpoints(true)");
      }
      if (pacing == null) {
        pacing = endpoints.isCustom() ? SignInPacing.none() : SignInPacing.defaults();
      }
      return new GarminClient(this);
    }
  }
}
