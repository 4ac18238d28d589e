package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server, as a new user drives it, signing in by the widget first against FakeGarmin's recorded
 * shapes (the 401 FAIL page, 302 redirects, the 2026 email-MFA page whose code must be requested),
 * on a front that closes every connection after its answer. H2 in the data directory.
 */
class WidgetSignInEndToEndTest extends ServerEndToEndBase {
  private static final Map<String, String> WIDGET_FIRST =
      Map.of("GARMIN_AUTH_GARMIN_SIGNIN_STRATEGIES", "embed-widget,portal-api");

  @Override
  Map<String, String> databaseEnv() {
    return Map.of();
  }

  @Test
  void aWrongPasswordOnTheWidgetIs422AndGarminSeesNoFurtherCredentialPost() throws Exception {
    ServerClient api = client(startServer(WIDGET_FIRST));

    ServerClient.Reply r = api.login(newUser(), FakeGarmin.DEMO_EMAIL, "wrong-password");

    assertProblem(r, 422, "invalid_credentials");
    assertThat(fake.counters().loginAttempts()).isEqualTo(1);
  }

  @Test
  void plainAndMfaSignInsStillConnectOnAFrontThatClosesEveryConnection() throws Exception {
    fake.closeConnectionAfterEachAnswer(true);
    ServerClient api = client(startServer(WIDGET_FIRST));
    String plainUser = newUser();
    String mfaUser = newUser();

    ServerClient.Reply plain = connectPlain(api, plainUser);
    String challenge = startMfa(api, mfaUser);
    ServerClient.Reply mfa = api.mfa(mfaUser, challenge, FakeGarmin.DEMO_MFA_CODE);

    assertThat(plain.status()).as(plain.raw().body()).isEqualTo(200);
    assertThat(mfa.status()).as(mfa.raw().body()).isEqualTo(200);
    assertThat(mfa.text("status")).isEqualTo("CONNECTED");
    assertThat(fake.counters().mfaCodeSends()).as("the email code was asked for").isEqualTo(1);
    assertThat(fake.counters().loginAttempts()).isEqualTo(2);
  }
}
