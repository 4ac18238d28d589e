package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The end-to-end suite on the embedded default: H2 in the data directory. */
class H2ServerEndToEndTest extends ServerFlowsContract {
  private static final String KEY_A = "a:" + "A".repeat(43) + "=";
  private static final String KEY_B = "b:" + "B".repeat(43) + "=";

  @Override
  Map<String, String> databaseEnv() {
    return Map.of();
  }

  @Test
  void aServerWhoseKeysCannotOpenTheStoredSessionsRefusesToStart() throws Exception {
    GarminAuthServer first = startServer(Map.of("GARMIN_AUTH_ENCRYPTION_KEYS", KEY_A));
    assertThat(connectPlain(client(first), newUser()).status()).isEqualTo(200);
    first.close();

    assertThatThrownBy(() -> startServer(Map.of("GARMIN_AUTH_ENCRYPTION_KEYS", KEY_B)))
        .isInstanceOfSatisfying(
            GarminAuthException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORED_VALUE_UNREADABLE))
        .hasMessageNotContaining("A".repeat(43))
        .hasMessageNotContaining("B".repeat(43));

    // rotation: the new key first, the old one still listed, opens everything
    assertThat(startServer(Map.of("GARMIN_AUTH_ENCRYPTION_KEYS", KEY_B + "," + KEY_A)).port())
        .isPositive();
  }
}
