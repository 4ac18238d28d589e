package com.fittrack.garminauth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own directory (default {@code ./data}): the embedded database and, when none is
 * configured, the generated admin API key. Files holding secrets are created owner-only (0600).
 */
final class DataDirectory {
  static final String ADMIN_KEY_FILE = "admin-api-key";
  static final String ENCRYPTION_KEY_FILE = "encryption-keys";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

  private final Path root;

  /** A server start asks twice (for its keys, then for its database): the second ask is done. */
  private boolean created;

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

  /**
   * Creates the directory (owner-only where the file system supports it). An existing directory
   * that others can read or enter is left as the operator made it, with a warning: its files are
   * made owner-only by {@link #restrictFiles()}, but names and new files are visible to others.
   */
  void create() {
    if (created) {
      return;
    }
    try {
      if (!Files.isDirectory(root)) {
        Files.createDirectories(root);
        restrict(root, "rwx------");
      } else {
        warnIfOpenToOthers();
      }
      created = true;
    } catch (IOException e) {
      throw new ConfigException(
          "GARMIN_AUTH_DATA_DIR",
          "cannot create " + root + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Makes every file directly in the directory owner-only (0600): the embedded database, its trace
   * file, the key files. Called once the database is open, because H2 creates its files with the
   * process umask (0644 under the usual 022).
   */
  void restrictFiles() {
    try (Stream<Path> files = Files.list(root)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          restrict(file, "rw-------");
        }
      }
    } catch (IOException e) {
      LOG.warn(
          "could not make the files in {} owner-only ({}); check their permissions",
          root,
          e.getClass().getSimpleName());
    }
  }

  private void warnIfOpenToOthers() throws IOException {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(root);
    } catch (UnsupportedOperationException e) {
      return; // not a POSIX file system: ACLs apply
    }
    Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : permissions) {
      if (!p.name().startsWith("OWNER_")) {
        open.add(p);
      }
    }
    if (!open.isEmpty()) {
      LOG.warn(
          "the data directory {} is open to other users ({}): the server keeps its own files"
              + " owner-only, but restrict the directory too: chmod 700 {}",
          root,
          PosixFilePermissions.toString(permissions),
          root);
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
