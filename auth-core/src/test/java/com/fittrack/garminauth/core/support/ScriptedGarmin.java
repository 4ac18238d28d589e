package com.fittrack.garminauth.core.support;

import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A {@link GarminAuthenticator} that answers from scripts, one step per call, and remembers what it
 * was asked. A call with nothing scripted fails the test with an {@link AssertionError} (not a
 * {@code GarminAuthException}, so no service mistakes it for a Garmin answer).
 */
public final class ScriptedGarmin implements GarminAuthenticator {
  private final Queue<Supplier<SignInOutcome>> signIns = new ConcurrentLinkedQueue<>();
  private final Queue<Supplier<SignInOutcome.SignedIn>> mfaAnswers = new ConcurrentLinkedQueue<>();
  private final Queue<UnaryOperator<GarminCredentials>> refreshes = new ConcurrentLinkedQueue<>();
  private final AtomicInteger signInCalls = new AtomicInteger();
  private final List<String> codesTried = new CopyOnWriteArrayList<>();
  private final List<GarminCredentials> refreshedFrom = new CopyOnWriteArrayList<>();
  private volatile Optional<GarminIdentity> identity = Optional.empty();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private final CountDownLatch refreshStarted = new CountDownLatch(1);

  public ScriptedGarmin signInAnswers(SignInOutcome outcome) {
    signIns.add(() -> outcome);
    return this;
  }

  public ScriptedGarmin signInFails(RuntimeException failure) {
    signIns.add(
        () -> {
          throw failure;
        });
    return this;
  }

  public ScriptedGarmin mfaAnswers(SignInOutcome.SignedIn outcome) {
    return mfaDoes(() -> outcome);
  }

  /** The next code is answered by {@code answer}, which may change the world first. */
  public ScriptedGarmin mfaDoes(Supplier<SignInOutcome.SignedIn> answer) {
    mfaAnswers.add(answer);
    return this;
  }

  public ScriptedGarmin mfaFails(RuntimeException failure) {
    return mfaDoes(
        () -> {
          throw failure;
        });
  }

  public ScriptedGarmin refreshAnswers(GarminCredentials next) {
    return refreshDoes(current -> next);
  }

  public ScriptedGarmin refreshFails(RuntimeException failure) {
    return refreshDoes(
        current -> {
          throw failure;
        });
  }

  /** The next refresh runs {@code answer} on the credentials it was given. */
  public ScriptedGarmin refreshDoes(UnaryOperator<GarminCredentials> answer) {
    refreshes.add(answer);
    return this;
  }

  public ScriptedGarmin identifiesAs(GarminIdentity who) {
    identity = Optional.of(who);
    return this;
  }

  /** From now on every refresh waits, in flight, until {@link #releaseRefreshes()}. */
  public void holdRefreshes() {
    gate = new CountDownLatch(1);
  }

  public void releaseRefreshes() {
    gate.countDown();
  }

  /** Whether a refresh call reached Garmin within the timeout. */
  public boolean awaitRefreshStarted(long seconds) throws InterruptedException {
    return refreshStarted.await(seconds, TimeUnit.SECONDS);
  }

  @Override
  public SignInOutcome signIn(String email, Secret password) {
    signInCalls.incrementAndGet();
    return next(signIns, "signIn").get();
  }

  @Override
  public SignInOutcome.SignedIn completeMfa(MfaMethod method, Secret resumeState, String code) {
    codesTried.add(code);
    return next(mfaAnswers, "completeMfa").get();
  }

  @Override
  public GarminCredentials refresh(GarminCredentials current) {
    refreshedFrom.add(current);
    refreshStarted.countDown();
    try {
      if (!gate.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("a held refresh was never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while held", e);
    }
    return next(refreshes, "refresh").apply(current);
  }

  @Override
  public Optional<GarminIdentity> identify(GarminCredentials credentials) {
    return identity;
  }

  public int signInCalls() {
    return signInCalls.get();
  }

  public List<String> codesTried() {
    return List.copyOf(codesTried);
  }

  public int refreshCalls() {
    return refreshedFrom.size();
  }

  /** The credentials each refresh presented, in call order. */
  public List<GarminCredentials> refreshedFrom() {
    return List.copyOf(refreshedFrom);
  }

  private static <T> T next(Queue<T> script, String call) {
    T step = script.poll();
    if (step == null) {
      throw new AssertionError("unscripted Garmin call: " + call);
    }
    return step;
  }
}
