package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.persistence.crypto.Sealer;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Turns database failures into the port's typed errors. The driver's own exception is not kept as
 * the cause: its message may quote SQL with bound (sealed) values, so only its SQLState and type
 * travel on, in a cause of our own.
 */
final class StorageErrors {
  private StorageErrors() {}

  /** Runs {@code work}; any database failure becomes a retryable {@code storage_unavailable}. */
  static <T> T guard(String operation, Supplier<T> work) {
    try {
      return work.get();
    } catch (GarminAuthException e) {
      throw e;
    } catch (RuntimeException e) {
      if (isDatabaseFailure(e)) {
        throw unavailable(operation, e);
      }
      throw e;
    }
  }

  static StorageException unavailable(String operation, Throwable failure) {
    return StorageException.unavailable(
        "the database failed during " + operation + "; nothing was changed",
        new DatabaseFailure(describe(failure)));
  }

  static StorageException unreadable(
      String owner, String column, Sealer.UnreadableValueException e) {
    return new StorageException(
        ErrorCode.STORED_VALUE_UNREADABLE,
        "stored value " + column + " of user " + owner + " cannot be opened: " + e.getMessage(),
        null);
  }

  static boolean isDatabaseFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.jooq.exception.DataAccessException || t instanceof SQLException) {
        return true;
      }
    }
    return false;
  }

  /** Whether a failure is a unique-key violation (SQLState 23505 on PostgreSQL and H2). */
  static boolean isDuplicateKey(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql.getClass().getName() + " (SQLState " + sql.getSQLState() + ")";
      }
    }
    return failure.getClass().getName();
  }

  /** The sanitized cause of a storage failure: the driver's exception type and SQLState only. */
  static final class DatabaseFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DatabaseFailure(String description) {
      super(description, null, false, false);
    }
  }
}
