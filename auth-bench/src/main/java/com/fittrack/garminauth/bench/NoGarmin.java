package com.fittrack.garminauth.bench;

import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import java.util.Optional;

/**
 * An authenticator for the token-read benchmark, where every stored token is valid for hours: any
 * call to Garmin would mean the hot path is not the one being measured, so it fails the run.
 */
final class NoGarmin implements GarminAuthenticator {

  @Override
  public SignInOutcome signIn(String email, Secret password) {
    throw unexpected();
  }

  @Override
  public SignInOutcome.SignedIn completeMfa(MfaMethod method, Secret resumeState, String code) {
    throw unexpected();
  }

  @Override
  public GarminCredentials refresh(GarminCredentials current) {
    throw unexpected();
  }

  @Override
  public Optional<GarminIdentity> identify(GarminCredentials credentials) {
    throw unexpected();
  }

  private static IllegalStateException unexpected() {
    return new IllegalStateException("the token-read benchmark must never reach Garmin");
  }
}
