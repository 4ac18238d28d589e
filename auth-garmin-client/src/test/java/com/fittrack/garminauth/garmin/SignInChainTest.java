package com.fittrack.garminauth.garmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.garmin.signin.SignInPacing;
import com.fittrack.garminauth.testkit.fakegarmin.Block;
import com.fittrack.garminauth.testkit.fakegarmin.FakeAccount;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarminExtension;
import com.fittrack.garminauth.testkit.fakegarmin.FakeStrategy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the strategy chain moves on, and where it must not (GARMIN-PROTOCOL 6 and 7). */
@Tag("integration")
class SignInChainTest {
  private static final String PASSWORD = "chain-password";
  private static final String PLAIN = "plain@example.com";
  private static final String EMAIL_MFA = "email@example.com";

  @RegisterExtension
  static final FakeGarminExtension garmin =
      new FakeGarminExtension(
          () ->
              FakeGarmin.builder()
                  .account(FakeAccount.plain(PLAIN, PASSWORD))
                  .account(FakeAccount.withMfa(EMAIL_MFA, PASSWORD, "email", "123123")));

  @Test
  void theWidgetsWrongPasswordPageEndsTheChainAndThePasswordIsNotPostedAgain() {
    FakeGarmin fake = garmin.fake();
    fake.block(FakeStrategy.MOBILE_IOS, Block.ERROR_1020).block(FakeStrategy.MOBILE, Block.CAPTCHA);
    GarminClient client = TestClients.builderFor(fake).build(); // the default order

    GarminAuthException e =
        catchThrowableOfType(
            GarminAuthException.class, () -> client.signIn(PLAIN, Secret.of("wrong")));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
    assertThat(fake.counters().loginAttempts()).as("the portal never saw a post").isEqualTo(1);
  }

  @Test
  void aSessionTheApiRefusesMovesOnToTheNextStrategy() {
    FakeGarmin fake = garmin.fake();
    fake.refuseEmbedServiceTokens(PLAIN);
    GarminClient client =
        TestClients.builderFor(fake).signInStrategies("embed-widget,portal-api").build();

    SignInOutcome outcome = client.signIn(PLAIN, Secret.of(PASSWORD));

    assertThat(outcome).isInstanceOf(SignInOutcome.SignedIn.class);
    assertThat(fake.counters().refusedSessions()).isEqualTo(1);
    assertThat(fake.counters().signIns()).isEqualTo(2);
  }

  @Test
  void whenEveryNewSessionIsRefusedTheUserIsNeverReportedSignedIn() {
    FakeGarmin fake = garmin.fake();
    fake.refuseEmbedServiceTokens(PLAIN);
    GarminClient client = TestClients.builderFor(fake).signInStrategies("embed-widget").build();

    GarminAuthException e =
        catchThrowableOfType(
            GarminAuthException.class, () -> client.signIn(PLAIN, Secret.of(PASSWORD)));

    assertThat(e.code()).isEqualTo(ErrorCode.GARMIN_PROTOCOL_ERROR);
    assertThat(e.getMessage()).contains("embed-widget signed in, but the API refused");
  }

  @Test
  void anMfaSessionTheApiRefusesIsAnErrorNotAConnection() {
    FakeGarmin fake = garmin.fake();
    fake.refuseEmbedServiceTokens(EMAIL_MFA);
    GarminClient client = TestClients.builderFor(fake).signInStrategies("embed-widget").build();
    SignInOutcome.MfaRequired mfa =
        (SignInOutcome.MfaRequired) client.signIn(EMAIL_MFA, Secret.of(PASSWORD));

    assertThatThrownBy(() -> client.completeMfa(mfa.method(), mfa.resumeState(), "123123"))
        .isInstanceOf(GarminAuthException.class)
        .hasMessageContaining("refused the new session");
  }

  @Test
  void aPlainText1020IsARateLimitNamedForWhatItIs() {
    FakeGarmin fake = garmin.fake();
    fake.blockAll(Block.ERROR_1020);
    GarminClient client = TestClients.builderFor(fake).build();

    GarminAuthException e =
        catchThrowableOfType(
            GarminAuthException.class, () -> client.signIn(PLAIN, Secret.of(PASSWORD)));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.getMessage()).contains("error code 1020").doesNotContain("Exception");
  }

  @Test
  void signInPausesLikeAPersonBetweenThePageAndThePost() {
    List<Duration> pauses = new CopyOnWriteArrayList<>();
    SignInPacing pacing =
        SignInPacing.of(
            Duration.ofSeconds(3),
            Duration.ofSeconds(8),
            Duration.ofSeconds(10),
            Duration.ofSeconds(20));
    GarminClient widget =
        TestClients.builderFor(garmin.fake())
            .signInStrategies("embed-widget")
            .signInPacing(pacing)
            .sleeper(pauses::add)
            .build();
    GarminClient portal =
        TestClients.builderFor(garmin.fake())
            .signInStrategies("portal-api")
            .signInPacing(pacing)
            .sleeper(pauses::add)
            .build();

    widget.signIn(PLAIN, Secret.of(PASSWORD));
    portal.signIn(PLAIN, Secret.of(PASSWORD));

    assertThat(pauses).hasSize(2);
    assertThat(pauses.get(0)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(8));
    assertThat(pauses.get(1)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
  }

  @Test
  void theStrategyOrderIsAValidatedCommaList() {
    assertThat(SignInFlow.parseList(" mobile-ios , portal-api"))
        .containsExactly(SignInFlow.MOBILE_IOS, SignInFlow.PORTAL_API);
    assertThatThrownBy(() -> SignInFlow.parseList("mobile-ios,carrier-pigeon"))
        .hasMessageContaining("unknown sign-in strategy 'carrier-pigeon'")
        .hasMessageContaining("mobile-ios,mobile-api,embed-widget,portal-api");
    assertThatThrownBy(() -> SignInFlow.parseList("portal-api,portal-api"))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> SignInFlow.parseList(" ")).hasMessageContaining("at least one");
    assertThatThrownBy(() -> GarminClient.builder().signInStrategies("mobile-api,"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
