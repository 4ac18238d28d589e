package com.fittrack.garminauth.testkit.fakegarmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** FakeGarmin's sign-in wire shapes, driven with plain HTTP rather than the client it tests. */
@Tag("integration")
class FakeGarminSsoWireTest {
  @RegisterExtension static final FakeGarminExtension garmin = new FakeGarminExtension();

  private final Wire wire = new Wire(garmin.fake());

  @Test
  void theMfaCodeCountsOnlyOnTheCookieSessionOfItsLogin() throws IOException {
    OkHttpClient browser = Wire.browser();
    Wire.Answer mfa = wire.login(browser, FakeGarmin.DEMO_MFA_EMAIL, FakeGarmin.DEMO_PASSWORD);

    Wire.Answer stranger = wire.verify(Wire.browser(), FakeGarmin.DEMO_MFA_CODE);
    Wire.Answer wrong = wire.verify(browser, "000000");
    Wire.Answer right = wire.verify(browser, FakeGarmin.DEMO_MFA_CODE);

    assertThat(mfa.code()).isEqualTo(200);
    assertThat(mfa.json().at("/responseStatus/type").asText()).isEqualTo("MFA_REQUIRED");
    assertThat(mfa.json().at("/customerMfaInfo/mfaLastMethodUsed").asText()).isEqualTo("email");
    assertThat(stranger.code()).isEqualTo(401);
    assertThat(wrong.json().at("/responseStatus/type").asText()).isEqualTo("INVALID_MFA_CODE");
    assertThat(right.json().at("/responseStatus/type").asText()).isEqualTo("SUCCESSFUL");
    assertThat(right.json().path("serviceTicketId").asText()).startsWith("ST-");
    assertThat(garmin.fake().counters().mfaAttempts()).isEqualTo(2);
  }

  @Test
  void aWrongPasswordIs401WithGarminsMessage() throws IOException {
    Wire.Answer a = wire.login(Wire.browser(), FakeGarmin.DEMO_EMAIL, "nope");

    assertThat(a.code()).isEqualTo(401);
    assertThat(a.contentType()).startsWith("application/json");
    assertThat(a.json().at("/responseStatus/type").asText()).isEqualTo("INVALID_USERNAME_PASSWORD");
    assertThat(a.json().at("/responseStatus/message").asText())
        .isEqualTo("generalLoginInvalidUsernameOrPassword");
  }

  @Test
  void blockedFlowsAnswerLikeCloudflare() throws IOException {
    garmin.fake().block(FakeStrategy.MOBILE, Block.RATE_LIMITED);
    Wire.Answer limited =
        wire.login(Wire.browser(), FakeGarmin.DEMO_EMAIL, FakeGarmin.DEMO_PASSWORD);
    garmin.fake().block(FakeStrategy.MOBILE, Block.CLOUDFLARE);
    Wire.Answer challenged =
        wire.login(Wire.browser(), FakeGarmin.DEMO_EMAIL, FakeGarmin.DEMO_PASSWORD);

    assertThat(limited.code()).isEqualTo(429);
    assertThat(limited.contentType()).startsWith("text/html");
    assertThat(challenged.code()).isEqualTo(403);
    assertThat(challenged.body()).contains("Just a moment", "__cf_chl");
    assertThat(garmin.fake().counters().loginAttempts()).isZero();
  }

  @Test
  void aCredentialPostAnsweredByAnInjected429IsReceivedButNoLoginAttempt() throws IOException {
    FakeGarminCounters counters = garmin.fake().counters();
    garmin.fake().failAlways(FakeEndpoint.LOGIN, Fault.rateLimited(Duration.ofSeconds(120)));

    Wire.Answer limited =
        wire.login(Wire.browser(), FakeGarmin.DEMO_EMAIL, FakeGarmin.DEMO_PASSWORD);

    assertThat(limited.code()).isEqualTo(429);
    assertThat(counters.received(FakeEndpoint.SIGN_IN_PAGE)).isEqualTo(1);
    assertThat(counters.received(FakeEndpoint.LOGIN)).isEqualTo(1);
    assertThat(counters.loginAttempts()).isZero();
    assertThat(counters.received(FakeEndpoint.DI_TOKEN)).isZero();
    assertThat(counters.toJson()).contains("\"LOGIN\":1");
    garmin.fake().reset();
    assertThat(counters.received(FakeEndpoint.LOGIN)).isZero();
  }

  @Test
  void unknownPathsAreA404PageAndResetForgetsEverything() throws IOException {
    Wire.Answer missing =
        wire.send(Wire.browser(), new Request.Builder().url(wire.url("/nowhere")).build(), "");
    wire.ticketFor(FakeGarmin.DEMO_EMAIL);
    garmin.fake().failAlways(FakeEndpoint.LOGIN, Fault.status(503));

    garmin.fake().reset();

    assertThat(missing.code()).isEqualTo(404);
    assertThat(garmin.fake().counters().signIns()).isZero();
    assertThat(wire.login(Wire.browser(), FakeGarmin.DEMO_EMAIL, FakeGarmin.DEMO_PASSWORD).code())
        .isEqualTo(200);
  }
}
