package com.fittrack.garminauth.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SealerTest {
  private final KeyRing keys = KeyRing.parse(KeyRing.generateKeySpec());
  private final Sealer sealer = new Sealer(keys);

  @Test
  void opensWhatItSealedForTheSameOwnerAndColumn() {
    String sealed = sealer.seal("refresh-token-value", "user-1", "t.refresh");

    assertThat(sealed)
        .startsWith("gas1:" + keys.active().id() + ":")
        .doesNotContain("refresh-token-value");
    assertThat(sealer.open(sealed, "user-1", "t.refresh")).isEqualTo("refresh-token-value");
  }

  @Test
  void sealsTheSameValueDifferentlyEachTime() {
    assertThat(sealer.seal("same", "u", "c")).isNotEqualTo(sealer.seal("same", "u", "c"));
  }

  @Test
  void aValueMovedToAnotherOwnerOrColumnDoesNotOpen() {
    String sealed = sealer.seal("secret", "user-1", "t.access");

    assertThatThrownBy(() -> sealer.open(sealed, "user-2", "t.access"))
        .isInstanceOf(Sealer.UnreadableValueException.class)
        .hasMessageContaining("tampered, moved, or wrong key")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> sealer.open(sealed, "user-1", "t.refresh"))
        .isInstanceOf(Sealer.UnreadableValueException.class);
  }

  @Test
  void aValueRelabelledWithAnotherKnownKeyIdDoesNotOpen() {
    String spec = KeyRing.generateKeySpec();
    KeyRing two = KeyRing.parse(spec + "," + spec.replaceFirst("^[^:]+", "other"));
    Sealer both = new Sealer(two);
    String sealed = both.seal("secret", "u", "c");

    String relabelled = sealed.replaceFirst(":" + two.active().id() + ":", ":other:");

    assertThatThrownBy(() -> both.open(relabelled, "u", "c"))
        .isInstanceOf(Sealer.UnreadableValueException.class);
  }

  @Test
  void namesAnUnknownKeyAndRejectsGarbage() {
    String sealed = new Sealer(KeyRing.parse(KeyRing.generateKeySpec())).seal("x", "u", "c");

    assertThatThrownBy(() -> sealer.open(sealed, "u", "c"))
        .hasMessageContaining("'" + Sealer.keyIdOf(sealed) + "', which is not configured");
    assertThatThrownBy(() -> sealer.open("plain text", "u", "c"))
        .hasMessageContaining("not a sealed value");
    assertThatThrownBy(() -> sealer.open("gas1:" + keys.active().id() + ":!!", "u", "c"))
        .hasMessageContaining("base64");
    assertThatThrownBy(() -> sealer.open("gas1:" + keys.active().id() + ":AAAA", "u", "c"))
        .hasMessageContaining("too short");
  }
}
