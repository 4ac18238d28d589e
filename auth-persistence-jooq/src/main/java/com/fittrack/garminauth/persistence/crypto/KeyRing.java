package com.fittrack.garminauth.persistence.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys that seal secrets at rest: the first is active (seals every new value), all of them open
 * values. Rotating means putting a new key first and running {@code rekey}.
 *
 * <pre>{@code
 * KeyRing keys = KeyRing.parse(System.getenv("GARMIN_AUTH_ENCRYPTION_KEYS")); // "k2:...,k1:..."
 * KeyRing local = KeyRing.loadOrCreate(Path.of("data/garmin-auth.key"));
 * }</pre>
 */
public final class KeyRing {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SealingKey active;
  private final Map<String, SealingKey> byId;

  private KeyRing(List<SealingKey> keys) {
    if (keys.isEmpty()) {
      throw new KeyRingException("the key ring is empty: configure at least one key");
    }
    Map<String, SealingKey> map = new LinkedHashMap<>();
    for (SealingKey key : keys) {
      if (map.putIfAbsent(key.id(), key) != null) {
        throw new KeyRingException("key id '" + key.id() + "' appears twice in the key ring");
      }
    }
    this.active = keys.get(0);
    this.byId = Map.copyOf(map);
  }

  /**
   * Reads {@code "id:base64key,id2:base64key"}: comma-separated, first one active, each key 32
   * bytes in standard or URL-safe base64. Malformed input is a {@link KeyRingException} that names
   * the entry by position or id, never its key.
   */
  public static KeyRing parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new KeyRingException("the key ring is empty: configure at least one key");
    }
    List<SealingKey> keys = new ArrayList<>();
    String[] entries = spec.trim().split("\\s*,\\s*");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      int colon = entry.indexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        throw new KeyRingException("key entry " + (i + 1) + " is not of the form id:base64key");
      }
      String id = entry.substring(0, colon);
      keys.add(new SealingKey(id, decode(id, entry.substring(colon + 1))));
    }
    return new KeyRing(keys);
  }

  /**
   * Reads the key ring from {@code keyFile}; when the file does not exist, creates it (owner
   * read/write only, where the file system supports POSIX permissions) with one fresh key.
   */
  public static KeyRing loadOrCreate(Path keyFile) {
    try {
      if (!Files.exists(keyFile)) {
        createKeyFile(keyFile);
      }
      return parse(Files.readString(keyFile, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the key file " + keyFile, e);
    }
  }

  /** A new random key as {@code "id:base64key"}, for a key file or an environment variable. */
  public static String generateKeySpec() {
    byte[] key = new byte[SealingKey.KEY_BYTES];
    RANDOM.nextBytes(key);
    byte[] idBytes = new byte[4];
    RANDOM.nextBytes(idBytes);
    return "k" + HexFormat.of().formatHex(idBytes) + ":" + Base64.getEncoder().encodeToString(key);
  }

  /** The key that seals new values. */
  public SealingKey active() {
    return active;
  }

  public Optional<SealingKey> find(String keyId) {
    return Optional.ofNullable(byId.get(keyId));
  }

  /**
   * A 32-byte secret for {@code purpose}, derived from the active key (HMAC-SHA256 of the purpose):
   * the same on every instance with the same keys, and not the key itself. It changes when the
   * active key does.
   */
  public byte[] derive(String purpose) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(active.secretKey().getEncoded(), "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Every configured key id (in no particular order), for checks and messages. */
  public Set<String> ids() {
    return byId.keySet();
  }

  @Override
  public String toString() {
    return "KeyRing[active=" + active.id() + ", ids=" + byId.keySet() + "]";
  }

  private static byte[] decode(String id, String base64) {
    try {
      String trimmed = base64.trim();
      return trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(trimmed)
          : Base64.getDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new KeyRingException("key '" + id + "' is not valid base64");
    }
  }

  private static void createKeyFile(Path keyFile) throws IOException {
    Path parent = keyFile.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    byte[] content = (generateKeySpec() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        FileAttribute<?> ownerOnly =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        Files.createFile(keyFile, ownerOnly);
      } else {
        Files.createFile(keyFile);
      }
      Files.write(keyFile, content, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException raced) {
      // Another process created it first: its key is the one to use.
    }
  }
}
