package com.fittrack.garminauth.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {
  private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void theFirstKeyIsActiveAndEveryKeyCanBeFound() {
    KeyRing ring = KeyRing.parse(" new:" + KEY_A + " , old:" + KEY_A.replace('A', 'B'));

    assertThat(ring.active().id()).isEqualTo("new");
    assertThat(ring.ids()).containsExactlyInAnyOrder("new", "old");
    assertThat(ring.find("old")).isPresent();
    assertThat(ring.find("gone")).isEmpty();
  }

  @Test
  void acceptsUrlSafeBase64() {
    byte[] key = new byte[32];
    key[0] = (byte) 0xfb; // encodes to '-' or '_' in URL-safe base64
    KeyRing ring = KeyRing.parse("k:" + Base64.getUrlEncoder().encodeToString(key));

    assertThat(ring.active().id()).isEqualTo("k");
  }

  @Test
  void rejectsMalformedRingsWithoutEchoingKeyMaterial() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

    assertThatThrownBy(() -> KeyRing.parse("")).isInstanceOf(KeyRingException.class);
    assertThatThrownBy(() -> KeyRing.parse("k:" + shortKey))
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> KeyRing.parse("k:" + KEY_A + ",k:" + KEY_A))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> KeyRing.parse(KEY_A)).hasMessageContaining("id:base64key");
    assertThatThrownBy(() -> KeyRing.parse("bad id:" + KEY_A)).hasMessageContaining("key id");
    assertThatThrownBy(() -> KeyRing.parse("k:not*base64")).hasMessageContaining("base64");
  }

  @Test
  void generatedSpecsParseAndDiffer() {
    String one = KeyRing.generateKeySpec();

    assertThat(KeyRing.parse(one).active().id()).matches("k[0-9a-f]{8}");
    assertThat(KeyRing.generateKeySpec()).isNotEqualTo(one);
  }

  @Test
  void loadOrCreateMakesAnOwnerOnlyKeyFileOnceAndReadsItAfterwards(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("keys/garmin-auth.key");

    KeyRing created = KeyRing.loadOrCreate(file);
    KeyRing loaded = KeyRing.loadOrCreate(file);

    assertThat(loaded.active().id()).isEqualTo(created.active().id());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void toStringShowsIdsOnly() {
    KeyRing ring = KeyRing.parse("k:" + KEY_A);

    assertThat(ring.toString()).contains("k").doesNotContain(KEY_A);
    assertThat(ring.active().toString()).isEqualTo("SealingKey[k]");
  }
}
