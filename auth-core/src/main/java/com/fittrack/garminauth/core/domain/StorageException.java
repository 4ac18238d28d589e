package com.fittrack.garminauth.core.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The repository could not do what was asked: {@code storage_unavailable} (database down;
 * retryable, nothing half-written), {@code concurrent_update} (a compare-and-set met a newer
 * version, or a refresh lease was lost) or {@code stored_value_unreadable} (a sealed value failed
 * to open; the message names the user and column).
 */
public final class StorageException extends GarminAuthException {
  private static final long serialVersionUID = 1L;
  private static final Set<ErrorCode> CODES =
      EnumSet.of(
          ErrorCode.STORAGE_UNAVAILABLE,
          ErrorCode.CONCURRENT_UPDATE,
          ErrorCode.STORED_VALUE_UNREADABLE);

  public StorageException(ErrorCode code, String safeMessage, Throwable cause) {
    super(checked(code), safeMessage, cause);
  }

  public static StorageException unavailable(String safeMessage, Throwable cause) {
    return new StorageException(ErrorCode.STORAGE_UNAVAILABLE, safeMessage, cause);
  }

  public static StorageException concurrentUpdate(String safeMessage) {
    return new StorageException(ErrorCode.CONCURRENT_UPDATE, safeMessage, null);
  }

  private static ErrorCode checked(ErrorCode code) {
    if (!CODES.contains(code)) {
      throw new IllegalArgumentException("not a storage code: " + code);
    }
    return code;
  }
}
