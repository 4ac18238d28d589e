package com.fittrack.garminauth.core.application.port.out;

import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import java.util.Objects;
import java.util.Optional;

/** How a sign-in attempt ended. */
public sealed interface SignInOutcome {

  /** Garmin issued credentials; the identity is there when the profile lookup worked. */
  record SignedIn(GarminCredentials credentials, Optional<GarminIdentity> identity)
      implements SignInOutcome {
    public SignedIn {
      Objects.requireNonNull(credentials, "credentials");
      Objects.requireNonNull(identity, "identity");
    }
  }

  /**
   * Garmin wants an MFA code sent by {@code method}. {@code resumeState} is opaque (cookies, flow
   * parameters) and lets any process finish the sign-in.
   */
  record MfaRequired(MfaMethod method, Secret resumeState) implements SignInOutcome {
    public MfaRequired {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(resumeState, "resumeState");
    }
  }
}
