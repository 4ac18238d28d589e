package com.fittrack.garminauth.garmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.LegacyOAuthCredentials;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.testkit.fakegarmin.Block;
import com.fittrack.garminauth.testkit.fakegarmin.FakeAccount;
import com.fittrack.garminauth.testkit.fakegarmin.FakeEndpoint;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarminExtension;
import com.fittrack.garminauth.testkit.fakegarmin.Fault;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs full sign-ins with MFA (DI and legacy), wrong codes, failures and refreshes with every
 * logger at DEBUG, and searches the logs and the exception messages for every secret involved.
 */
@Tag("integration")
class RedactionTest {
  private static final String PASSWORD = "Pa55-w0rd-Redaction-Check";
  private static final String CODE = "864209";
  private static final String WRONG_CODE = "531975";

  @RegisterExtension
  static final FakeGarminExtension garmin =
      new FakeGarminExtension(
          () ->
              FakeGarmin.builder()
                  .account(FakeAccount.withMfa("secretive@example.com", PASSWORD, "email", CODE)));

  private final List<String> secrets =
      new ArrayList<>(List.of(PASSWORD, CODE, WRONG_CODE, FakeGarmin.CONSUMER_SECRET));
  private final List<String> exceptionMessages = new ArrayList<>();

  @Test
  void noSecretReachesTheLogsOrExceptionMessages() throws Exception {
    List<String> lines;
    try (LogCapture logs = new LogCapture()) {
      GarminClient client = TestClients.builderFor(garmin.fake()).build();
      GarminCredentials di = signInWithMfa(client);
      remember(client.refresh(di));

      garmin.fake().acceptDiClientIds(List.of());
      GarminCredentials legacy = signInWithMfa(TestClients.builderFor(garmin.fake()).build());
      remember(client.refresh(legacy));

      garmin.fake().revokeSessions("secretive@example.com");
      expectFailure(() -> client.refresh(di));
      expectFailure(() -> client.refresh(legacy));
      garmin.fake().failNext(FakeEndpoint.DI_TOKEN, Fault.truncatedBody(), 1);
      expectFailure(() -> client.refresh(di));
      garmin.fake().blockAll(Block.RATE_LIMITED);
      expectFailure(() -> client.signIn("secretive@example.com", Secret.of(PASSWORD)));
      lines = logs.lines();
    }

    assertThat(lines).as("the scenario logs something to search").isNotEmpty();
    for (String secret : secrets) {
      assertThat(lines).noneMatch(line -> line.contains(secret));
      assertThat(exceptionMessages).noneMatch(m -> m.contains(secret));
    }
    assertThat(lines).noneMatch(line -> line.matches("(?s).*ST-\\d+-.*"));
    assertThat(lines).noneMatch(line -> line.contains("Bearer ") || line.contains("OAuth oauth_"));
  }

  private GarminCredentials signInWithMfa(GarminClient client) throws Exception {
    SignInOutcome.MfaRequired mfa =
        (SignInOutcome.MfaRequired) client.signIn("secretive@example.com", Secret.of(PASSWORD));
    rememberState(mfa.resumeState());
    expectFailure(() -> client.completeMfa(mfa.method(), mfa.resumeState(), WRONG_CODE));
    GarminCredentials credentials =
        TestClients.builderFor(garmin.fake())
            .build()
            .completeMfa(mfa.method(), mfa.resumeState(), CODE)
            .credentials();
    remember(credentials);
    return credentials;
  }

  private void rememberState(Secret state) throws Exception {
    secrets.add(state.reveal());
    JsonNode root = new ObjectMapper().readTree(state.reveal());
    for (JsonNode cookie : root.path("cookies")) {
      secrets.add(cookie.path("value").asText());
    }
    root.path("flow")
        .properties()
        .forEach(
            e -> {
              if (e.getKey().equals("csrf")) {
                secrets.add(e.getValue().asText());
              }
            });
  }

  private void remember(GarminCredentials c) {
    secrets.add(c.accessToken().reveal());
    if (c instanceof DiOAuth2Credentials d) {
      secrets.add(d.refreshToken().reveal());
    } else {
      LegacyOAuthCredentials l = (LegacyOAuthCredentials) c;
      secrets.add(l.oauth1().token().reveal());
      secrets.add(l.oauth1().tokenSecret().reveal());
      l.oauth1().mfaToken().ifPresent(t -> secrets.add(t.reveal()));
      l.refreshToken().ifPresent(t -> secrets.add(t.reveal()));
    }
  }

  private void expectFailure(Runnable call) {
    Throwable t = catchThrowable(call::run);
    assertThat(t).isNotNull();
    for (Throwable c = t; c != null; c = c.getCause()) {
      exceptionMessages.add(String.valueOf(c.getMessage()) + " " + c);
    }
  }
}
