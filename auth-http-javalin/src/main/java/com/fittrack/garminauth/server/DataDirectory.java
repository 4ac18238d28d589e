package com.fittrack.garminauth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The server's own directory (default {@code ./data}): the embedded database and, when none is
 * configured, the generated admin API key. Files holding secrets are created owner-only (0600).
 */
final class DataDirectory {
  static final String ADMIN_KEY_FILE = "admin-api-key";
  static final String ENCRYPTION_KEY_FILE = "encryption-keys";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;

  DataDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  Path adminKeyFile() {
    return root.resolve(ADMIN_KEY_FILE);
  }

  Path encryptionKeyFile() {
    return root.resolve(ENCRYPTION_KEY_FILE);
  }

  /** Creates the directory (owner-only where the file system supports it). */
  void create() {
    try {
      if (!Files.isDirectory(root)) {
        Files.createDirectories(root);
        restrict(root, "rwx------");
      }
    } catch (IOException e) {
      throw new ConfigException(
          "GARMIN_AUTH_DATA_DIR",
          "cannot create " + root + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The admin API key stored in the data directory, generated on first use. Returns the secret and
   * whether it was generated now.
   */
  GeneratedKey adminKey() {
    Path file = adminKeyFile();
    Optional<String> existing = read(file);
    if (existing.isPresent()) {
      return new GeneratedKey(existing.get(), false);
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = "gak_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    try {
      Files.createFile(file);
      restrict(file, "rw-------");
      Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
      return new GeneratedKey(secret, true);
    } catch (FileAlreadyExistsException e) {
      // another process created it between our read and create: use theirs
      return new GeneratedKey(read(file).orElseThrow(), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  record GeneratedKey(String secret, boolean generatedNow) {
    @Override
    public String toString() {
      return "GeneratedKey[secret=***, generatedNow=" + generatedNow + "]";
    }
  }

  private static Optional<String> read(Path file) {
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void restrict(Path path, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system (Windows): the directory's ACLs apply
    }
  }
}
