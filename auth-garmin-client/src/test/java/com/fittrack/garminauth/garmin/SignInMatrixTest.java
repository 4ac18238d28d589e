package com.fittrack.garminauth.garmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.CredentialType;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.testkit.fakegarmin.Block;
import com.fittrack.garminauth.testkit.fakegarmin.FakeAccount;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarminExtension;
import com.fittrack.garminauth.testkit.fakegarmin.FakeStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sign-in strategy against every way Garmin can answer (GARMIN-PROTOCOL 6), one strategy at a
 * time against the stricter FakeGarmin: plain, MFA by email and by SMS, wrong password, locked, and
 * three kinds of block. Each case also runs on a front that closes every connection after its
 * answer, where the client must reconnect rather than fail.
 */
@Tag("integration")
class SignInMatrixTest {
  private static final String PASSWORD = "matrix-password";
  private static final String PLAIN = "plain@example.com";
  private static final String EMAIL_MFA = "email@example.com";
  private static final String SMS_MFA = "sms@example.com";
  private static final String LOCKED = "locked@example.com";
  private static final String CODE = "771177";

  private static final Map<SignInFlow, FakeStrategy> FAKE =
      Map.of(
          SignInFlow.MOBILE_IOS, FakeStrategy.MOBILE_IOS,
          SignInFlow.MOBILE_API, FakeStrategy.MOBILE,
          SignInFlow.EMBED_WIDGET, FakeStrategy.WIDGET,
          SignInFlow.PORTAL_API, FakeStrategy.PORTAL);

  @RegisterExtension
  static final FakeGarminExtension garmin =
      new FakeGarminExtension(
          () ->
              FakeGarmin.builder()
                  .account(FakeAccount.plain(PLAIN, PASSWORD))
                  .account(FakeAccount.withMfa(EMAIL_MFA, PASSWORD, "email", CODE))
                  .account(FakeAccount.withMfa(SMS_MFA, PASSWORD, "sms", CODE))
                  .account(FakeAccount.locked(LOCKED, PASSWORD)));

  enum Case {
    PLAIN,
    MFA_EMAIL,
    MFA_SMS,
    WRONG_PASSWORD,
    LOCKED,
    BLOCKED_CHALLENGE,
    BLOCKED_1020,
    BLOCKED_429
  }

  static Stream<Arguments> matrix() {
    List<Arguments> all = new ArrayList<>();
    for (SignInFlow flow : SignInFlow.DEFAULT_ORDER) {
      for (Case c : Case.values()) {
        all.add(Arguments.of(flow, c, false));
        all.add(Arguments.of(flow, c, true));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} x {1}, front closes connections: {2}")
  @MethodSource("matrix")
  void eachStrategyAnswersEachCaseAsGarminMeansIt(SignInFlow flow, Case c, boolean closing) {
    FakeGarmin fake = garmin.fake();
    fake.closeConnectionAfterEachAnswer(closing);
    GarminClient client = TestClients.builderFor(fake).signInFlows(List.of(flow)).build();

    switch (c) {
      case PLAIN -> {
        SignInOutcome.SignedIn signedIn = signedIn(client.signIn(PLAIN, Secret.of(PASSWORD)));
        assertThat(signedIn.credentials().type()).isEqualTo(CredentialType.DI_OAUTH2);
        assertThat(signedIn.identity()).isPresent();
        assertThat(fake.counters().loginAttempts()).isEqualTo(1);
      }
      case MFA_EMAIL, MFA_SMS -> {
        String email = c == Case.MFA_EMAIL ? EMAIL_MFA : SMS_MFA;
        SignInOutcome outcome = client.signIn(email, Secret.of(PASSWORD));
        assertThat(outcome).isInstanceOf(SignInOutcome.MfaRequired.class);
        SignInOutcome.MfaRequired mfa = (SignInOutcome.MfaRequired) outcome;
        SignInOutcome.SignedIn signedIn =
            TestClients.builderFor(fake).build().completeMfa(mfa.method(), mfa.resumeState(), CODE);
        assertThat(signedIn.credentials()).isNotNull();
        boolean widgetEmail = flow == SignInFlow.EMBED_WIDGET && c == Case.MFA_EMAIL;
        assertThat(fake.counters().mfaCodeSends()).isEqualTo(widgetEmail ? 1 : 0);
      }
      case WRONG_PASSWORD -> {
        GarminAuthException e = failure(client, PLAIN, "not-the-password");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(fake.counters().loginAttempts()).isEqualTo(1);
      }
      case LOCKED -> {
        GarminAuthException e = failure(client, LOCKED, PASSWORD);
        assertThat(e.code()).isEqualTo(ErrorCode.ACCOUNT_LOCKED);
        assertThat(fake.counters().loginAttempts()).isEqualTo(1);
      }
      case BLOCKED_CHALLENGE, BLOCKED_1020, BLOCKED_429 -> {
        Block block =
            c == Case.BLOCKED_CHALLENGE
                ? Block.CLOUDFLARE
                : c == Case.BLOCKED_1020 ? Block.ERROR_1020 : Block.RATE_LIMITED;
        fake.block(FAKE.get(flow), block);
        GarminAuthException e = failure(client, PLAIN, PASSWORD);
        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.getMessage())
            .contains(flow.wireName())
            .doesNotContainIgnoringCase("exception");
        assertThat(fake.counters().loginAttempts()).isZero();
      }
    }
  }

  private static SignInOutcome.SignedIn signedIn(SignInOutcome outcome) {
    assertThat(outcome).isInstanceOf(SignInOutcome.SignedIn.class);
    return (SignInOutcome.SignedIn) outcome;
  }

  private static GarminAuthException failure(GarminClient client, String email, String password) {
    return catchThrowableOfType(
        GarminAuthException.class, () -> client.signIn(email, Secret.of(password)));
  }
}
