package com.fittrack.garminauth.testkit.fakegarmin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What FakeGarmin has seen, to assert on. Thread-safe; {@link FakeGarmin#reset()} zeroes it. */
public final class FakeGarminCounters {
  private final AtomicLong loginAttempts = new AtomicLong();
  private final AtomicLong signIns = new AtomicLong();
  private final AtomicLong mfaAttempts = new AtomicLong();
  private final AtomicLong diExchanges = new AtomicLong();
  private final AtomicLong legacyExchanges = new AtomicLong();
  private final AtomicLong reuseDetections = new AtomicLong();
  private final AtomicLong apiCalls = new AtomicLong();
  private final AtomicLong mfaCodeSends = new AtomicLong();
  private final AtomicLong refusedSessions = new AtomicLong();
  private final Map<String, AtomicLong> refreshes = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final Map<FakeEndpoint, AtomicLong> received = new EnumMap<>(FakeEndpoint.class);

  {
    for (FakeEndpoint endpoint : FakeEndpoint.values()) {
      received.put(endpoint, new AtomicLong());
    }
  }

  private final AtomicLong downloads = new AtomicLong();
  private final AtomicLong uploads = new AtomicLong();
  private final AtomicLong uploadedBytes = new AtomicLong();
  private final AtomicLong downloadedBytes = new AtomicLong();

  /** Credential posts that reached an account check (blocked ones are not counted). */
  public long loginAttempts() {
    return loginAttempts.get();
  }

  /** Service tickets issued: completed sign-ins, with or without MFA. */
  public long signIns() {
    return signIns.get();
  }

  /** MFA codes submitted on a live MFA session, right or wrong. */
  public long mfaAttempts() {
    return mfaAttempts.get();
  }

  /** Tickets exchanged for DI tokens. */
  public long diExchanges() {
    return diExchanges.get();
  }

  /** Tickets exchanged through the legacy OAuth1 path. */
  public long legacyExchanges() {
    return legacyExchanges.get();
  }

  /** Successful refreshes (DI refresh grants and repeated OAuth1 exchanges) of one account. */
  public long refreshes(String email) {
    AtomicLong n = refreshes.get(email.toLowerCase(Locale.ROOT));
    return n == null ? 0 : n.get();
  }

  /** Successful refreshes of every account. */
  public long refreshes() {
    return refreshes.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Successful refreshes per account (a copy). */
  public Map<String, Long> refreshesByAccount() {
    Map<String, Long> copy = new TreeMap<>();
    refreshes.forEach((email, n) -> copy.put(email, n.get()));
    return copy;
  }

  /** Everything, as JSON (served at {@code GET /__fakegarmin/counters} for other processes). */
  public String toJson() {
    ObjectNode n = Incoming.JSON.createObjectNode();
    n.put("loginAttempts", loginAttempts());
    n.put("signIns", signIns());
    n.put("mfaAttempts", mfaAttempts());
    n.put("diExchanges", diExchanges());
    n.put("legacyExchanges", legacyExchanges());
    n.put("reuseDetections", reuseDetections());
    n.put("apiCalls", apiCalls());
    n.put("requests", requests());
    n.put("downloads", downloads());
    n.put("uploads", uploads());
    n.put("uploadedBytes", uploadedBytes());
    n.put("downloadedBytes", downloadedBytes());
    ObjectNode byEndpoint = n.putObject("received");
    received.forEach((endpoint, count) -> byEndpoint.put(endpoint.name(), count.get()));
    ObjectNode r = n.putObject("refreshes");
    refreshesByAccount().forEach(r::put);
    return n.toString();
  }

  /** Spent refresh tokens presented again. */
  public long reuseDetections() {
    return reuseDetections.get();
  }

  /** Calls to the social profile and sample API with an accepted bearer token. */
  public long apiCalls() {
    return apiCalls.get();
  }

  /**
   * Requests that reached {@code endpoint}'s group, whatever the answer: injected faults (a 429, a
   * 5xx, a stall) included, unlike {@link #loginAttempts()}. {@code received(LOGIN)} is every
   * credential post that left a client, so "Garmin saw no sign-in" is this count not moving.
   */
  public long received(FakeEndpoint endpoint) {
    return received.get(endpoint).get();
  }

  /** Every request that reached the fake, on any path, answered or not. */
  public long requests() {
    return requests.get();
  }

  /** Activity file downloads with an accepted token. */
  public long downloads() {
    return downloads.get();
  }

  /** Activity uploads accepted. */
  public long uploads() {
    return uploads.get();
  }

  /** Bytes of the accepted uploads' bodies. */
  public long uploadedBytes() {
    return uploadedBytes.get();
  }

  /** Bytes of activity file downloads sent so far (counted as they leave, while they stream). */
  public long downloadedBytes() {
    return downloadedBytes.get();
  }

  void downloaded(long bytes) {
    downloadedBytes.addAndGet(bytes);
  }

  void request() {
    requests.incrementAndGet();
  }

  void receive(FakeEndpoint endpoint) {
    received.get(endpoint).incrementAndGet();
  }

  void download() {
    downloads.incrementAndGet();
  }

  void upload(long bytes) {
    uploads.incrementAndGet();
    uploadedBytes.addAndGet(bytes);
  }

  void loginAttempt() {
    loginAttempts.incrementAndGet();
  }

  void signIn() {
    signIns.incrementAndGet();
  }

  void mfaAttempt() {
    mfaAttempts.incrementAndGet();
  }

  void diExchange() {
    diExchanges.incrementAndGet();
  }

  void legacyExchange() {
    legacyExchanges.incrementAndGet();
  }

  void refresh(String email) {
    refreshes.computeIfAbsent(email, e -> new AtomicLong()).incrementAndGet();
  }

  void reuseDetected() {
    reuseDetections.incrementAndGet();
  }

  void apiCall() {
    apiCalls.incrementAndGet();
  }

  /** Requests to send an MFA code ({@code POST /sso/verifyMFA/mfaCode}). */
  public long mfaCodeSends() {
    return mfaCodeSends.get();
  }

  /** API calls refused with "Token is not active" (embed-service tokens of scripted accounts). */
  public long refusedSessions() {
    return refusedSessions.get();
  }

  void mfaCodeSend() {
    mfaCodeSends.incrementAndGet();
  }

  void refusedSession() {
    refusedSessions.incrementAndGet();
  }

  void reset() {
    for (AtomicLong n :
        new AtomicLong[] {
          loginAttempts,
          signIns,
          mfaAttempts,
          diExchanges,
          legacyExchanges,
          reuseDetections,
          apiCalls,
          mfaCodeSends,
          refusedSessions
        }) {
      n.set(0);
    }
    refreshes.clear();
    received.values().forEach(n -> n.set(0));
    for (AtomicLong n :
        new AtomicLong[] {requests, downloads, uploads, uploadedBytes, downloadedBytes}) {
      n.set(0);
    }
  }

  @Override
  public String toString() {
    return "FakeGarminCounters[signIns="
        + signIns
        + ", mfaAttempts="
        + mfaAttempts
        + ", refreshes="
        + refreshes()
        + ", reuseDetections="
        + reuseDetections
        + "]";
  }
}
