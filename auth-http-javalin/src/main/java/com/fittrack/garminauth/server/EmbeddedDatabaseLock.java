package com.fittrack.garminauth.server;

import com.fittrack.garminauth.core.domain.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Explains the usual reason the embedded H2 file does not open: another process holds it (H2 locks
 * its file while open), most often a running server while someone runs {@code status} or {@code
 * migrate}. Without this, the command only says that it cannot connect to the database.
 */
final class EmbeddedDatabaseLock {
  static final String FILE_NAME = "garmin-auth.mv.db";

  private EmbeddedDatabaseLock() {}

  /**
   * {@code failure} with the explanation when the embedded file is locked by someone else; {@code
   * failure} itself otherwise (PostgreSQL, or any other reason).
   */
  static StorageException explain(
      ServerConfig config, DataDirectory dataDir, StorageException failure) {
    if (config.database().isPresent()) {
      return failure;
    }
    Path file = dataDir.root().toAbsolutePath().resolve(FILE_NAME);
    if (!heldByAnother(file)) {
      return failure;
    }
    return StorageException.unavailable(
        "the embedded database "
            + file
            + " is in use by another process, most likely a running garmin-auth server (H2 lets"
            + " one process open it). Stop that server first, or ask it over HTTP (GET"
            + " /v1/connections/{userId}), or give this command another GARMIN_AUTH_DATA_DIR;"
            + " to share one database between processes, use PostgreSQL (GARMIN_AUTH_DB_URL).",
        failure);
  }

  /** Whether another process (or another part of this one) holds a lock on {@code file}. */
  static boolean heldByAnother(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
