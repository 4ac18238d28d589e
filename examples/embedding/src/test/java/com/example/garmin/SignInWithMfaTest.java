package com.example.garmin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fittrack.garminauth.core.GarminAuth;
import com.fittrack.garminauth.core.application.port.in.AccessToken;
import com.fittrack.garminauth.core.application.port.in.CompleteMfaCommand;
import com.fittrack.garminauth.core.application.port.in.LoginCommand;
import com.fittrack.garminauth.core.application.port.in.LoginResult;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.garmin.GarminClient;
import com.fittrack.garminauth.garmin.GarminEndpoints;
import com.fittrack.garminauth.persistence.DatabaseSettings;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarminExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Written from README.md and docs/fakegarmin.md only: H2 on disk, FakeGarmin, JUnit 5. */
class SignInWithMfaTest {

  @RegisterExtension
  static final FakeGarminExtension garmin = new FakeGarminExtension(); // the demo accounts

  @TempDir Path dataDir;

  private GarminAuthDatabase database;
  private GarminAuth auth;

  @BeforeEach
  void openGarminAuth() {
    FakeGarmin fake = garmin.fake();
    database =
        GarminAuthDatabase.open(
            DatabaseSettings.h2File(dataDir), KeyRing.parse(KeyRing.generateKeySpec()));
    database.migrate();
    GarminClient client =
        GarminClient.builder()
            .endpoints(
                GarminEndpoints.custom(fake.ssoUrl(), fake.connectApiUrl(), fake.diAuthUrl()))
            .allowCustomEndpoints(true)
            .oauthConsumer(FakeGarmin.CONSUMER_KEY, Secret.of(FakeGarmin.CONSUMER_SECRET))
            .build();
    auth =
        GarminAuth.builder()
            .connections(database.connections())
            .challenges(database.challenges())
            .loginAttempts(database.loginAttempts())
            .authenticator(client)
            .build();
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void signsInWithMfaAndGetsAToken(FakeGarmin fake) {
    LoginResult result =
        auth.login(LoginCommand.of("user-42", FakeGarmin.DEMO_MFA_EMAIL, FakeGarmin.DEMO_PASSWORD));

    LoginResult.MfaRequired mfa = assertInstanceOf(LoginResult.MfaRequired.class, result);
    auth.completeMfa(
        CompleteMfaCommand.of("user-42", mfa.challengeId().value(), FakeGarmin.DEMO_MFA_CODE));
    AccessToken token = auth.accessToken(UserId.of("user-42"));

    String bearer = token.token().reveal();
    assertFalse(bearer.isBlank());
    assertEquals("Bearer " + bearer, token.authorizationHeader());
    assertTrue(token.expiresAt().isAfter(java.time.Instant.now()));
    assertEquals(1, fake.counters().mfaAttempts());
    assertEquals(1, fake.counters().signIns());
    // the sign-in looks up who the user is: docs/fakegarmin.md says that counts as an API call
    assertEquals(1, fake.counters().apiCalls());
  }

  @Test
  void aWrongCodeIsInvalidMfaCode() {
    LoginResult.MfaRequired mfa =
        assertInstanceOf(
            LoginResult.MfaRequired.class,
            auth.login(
                LoginCommand.of("user-7", FakeGarmin.DEMO_MFA_EMAIL, FakeGarmin.DEMO_PASSWORD)));

    GarminAuthException e =
        assertThrows(
            GarminAuthException.class,
            () ->
                auth.completeMfa(
                    CompleteMfaCommand.of("user-7", mfa.challengeId().value(), "000000")));
    assertEquals("invalid_mfa_code", e.code().wireName());
  }

  @Test
  void aWrongPasswordIsInvalidCredentials() {
    GarminAuthException e =
        assertThrows(
            GarminAuthException.class,
            () -> auth.login(LoginCommand.of("user-9", FakeGarmin.DEMO_EMAIL, "not-the-password")));
    assertEquals("invalid_credentials", e.code().wireName());
    assertFalse(e.retryable());
  }
}
