package com.fittrack.garminauth.garmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.ChallengeException;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.testkit.fakegarmin.FakeAccount;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarminExtension;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A wrong widget MFA code, then the right one, on the same challenge. Garmin answers a wrong code
 * with the MFA page again, an error on it and an empty {@code _csrf} (seen in recorded traffic,
 * June 2025); a client that took its next token from that page would post an empty one. The retry
 * must use the token Garmin issued with the MFA page, which the resume state carries.
 */
@Tag("integration")
class WidgetWrongMfaCodeTest {
  private static final String EMAIL = "sms@example.com";
  private static final String PASSWORD = "widget-password";
  private static final String CODE = "535353";

  @RegisterExtension
  static final FakeGarminExtension garmin =
      new FakeGarminExtension(
          () -> FakeGarmin.builder().account(FakeAccount.withMfa(EMAIL, PASSWORD, "sms", CODE)));

  @Test
  void aWrongCodeIsReportedAndTheRightCodeOnTheSameChallengeStillSignsIn() {
    FakeGarmin fake = garmin.fake();
    GarminClient client =
        TestClients.builderFor(fake).signInFlows(List.of(SignInFlow.EMBED_WIDGET)).build();
    SignInOutcome outcome = client.signIn(EMAIL, Secret.of(PASSWORD));
    assertThat(outcome).isInstanceOf(SignInOutcome.MfaRequired.class);
    SignInOutcome.MfaRequired mfa = (SignInOutcome.MfaRequired) outcome;

    ChallengeException wrong =
        catchThrowableOfType(
            ChallengeException.class,
            () -> client.completeMfa(mfa.method(), mfa.resumeState(), "000000"));
    assertThat(wrong.code()).isEqualTo(ErrorCode.INVALID_MFA_CODE);

    SignInOutcome.SignedIn signedIn = client.completeMfa(mfa.method(), mfa.resumeState(), CODE);
    assertThat(signedIn.identity()).isPresent();
    assertThat(fake.counters().mfaAttempts()).isEqualTo(2);
    assertThat(fake.counters().loginAttempts()).isEqualTo(1);
  }
}
