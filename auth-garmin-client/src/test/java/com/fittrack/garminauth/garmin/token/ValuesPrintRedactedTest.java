package com.fittrack.garminauth.garmin.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.garmin.http.HttpReply;
import com.fittrack.garminauth.garmin.signin.SignInManager;
import com.fittrack.garminauth.garmin.signin.StrategyResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Values that carry tokens, tickets or CSRF values print without them. */
class ValuesPrintRedactedTest {
  private static final String SECRET = "s3cr3t-value-42";

  @Test
  void noValueTypePrintsWhatItCarries() {
    List<Object> values =
        List.of(
            new HttpReply(
                200, "application/json", "{\"access_token\":\"" + SECRET + "\"}", Optional.empty()),
            new StrategyResult.MfaPending(MfaMethod.EMAIL, Map.of("csrf", SECRET)),
            new StrategyResult.Ticket(Secret.of(SECRET), "https://connect.garmin.com/app"),
            new SignInManager.Ticketed(
                "mobile-api", new StrategyResult.Ticket(Secret.of(SECRET), "x")),
            new OAuth1Signer.Param("mfa_token", SECRET),
            new OAuth1Signer.Token(SECRET, Secret.of(SECRET)),
            new OAuth2Tokens(
                Secret.of(SECRET),
                Optional.of(Secret.of(SECRET)),
                Instant.EPOCH,
                Optional.empty()));

    assertThat(values).allSatisfy(v -> assertThat(v.toString()).doesNotContain(SECRET));
  }
}
