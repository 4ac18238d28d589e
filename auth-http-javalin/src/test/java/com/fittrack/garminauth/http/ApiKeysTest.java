package com.fittrack.garminauth.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  private static final String SECRET_A = "a-very-long-random-secret-aaaaaaaaaaa";
  private static final String SECRET_B = "a-very-long-random-secret-bbbbbbbbbbb";

  private final ApiKeys keys =
      new ApiKeys(
          List.of(
              ApiKey.of("sync-worker", SECRET_A, EnumSet.of(Scope.TOKENS_READ)),
              ApiKey.of("web", SECRET_B, EnumSet.allOf(Scope.class))));

  @Test
  void findsTheKeyWhoseSecretIsPresented() {
    assertThat(keys.authenticate(SECRET_A)).map(ApiKey::name).hasValue("sync-worker");
    assertThat(keys.authenticate(SECRET_B))
        .map(ApiKey::scopes)
        .hasValue(EnumSet.allOf(Scope.class));
  }

  @Test
  void rejectsPrefixesExtensionsAndEmptyKeys() {
    assertThat(keys.authenticate(SECRET_A.substring(0, 30))).isEmpty();
    assertThat(keys.authenticate(SECRET_A + "a")).isEmpty();
    assertThat(keys.authenticate("")).isEmpty();
    assertThat(keys.authenticate(null)).isEmpty();
  }

  @Test
  void keepsNoSecretInItsTextForm() {
    assertThat(keys.all().toString()).doesNotContain(SECRET_A).contains("sync-worker");
  }

  @Test
  void refusesShortSecretsUnnamedKeysKeysWithoutScopeAndDuplicateNames() {
    assertThatThrownBy(() -> ApiKey.of("x", "short", Set.of(Scope.TOKENS_READ)))
        .hasMessageContaining("shorter than 24")
        .hasMessageNotContaining("short,");
    assertThatThrownBy(() -> ApiKey.of("bad name", SECRET_A, Set.of(Scope.TOKENS_READ)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiKey.of("x", SECRET_A, Set.of())).hasMessageContaining("no scope");
    assertThatThrownBy(
            () ->
                new ApiKeys(
                    List.of(
                        ApiKey.of("x", SECRET_A, Set.of(Scope.TOKENS_READ)),
                        ApiKey.of("x", SECRET_B, Set.of(Scope.TOKENS_READ)))))
        .hasMessageContaining("used twice");
  }
}
