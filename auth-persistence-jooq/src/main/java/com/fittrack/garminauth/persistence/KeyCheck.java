package com.fittrack.garminauth.persistence;

import static com.fittrack.garminauth.persistence.generated.Tables.GARMIN_CONNECTION;
import static com.fittrack.garminauth.persistence.generated.Tables.MFA_CHALLENGE;
import static com.fittrack.garminauth.persistence.generated.Tables.SEALING_KEY_CHECK;

import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.persistence.crypto.Sealer;
import com.fittrack.garminauth.persistence.crypto.SealingKey;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Proves at startup that the key ring can open what is stored, so that a missing or wrong key is
 * one clear error before any request, not a stream of unreadable sessions afterwards. Each key id
 * gets a sealed canary the first time it is seen; later starts must open it with the key they have
 * under that id.
 */
final class KeyCheck {
  private static final String CANARY = "garmin-auth key check";
  private static final String OWNER = "key-check";
  private static final String COLUMN = "sealing_key_check.canary_sealed";

  private KeyCheck() {}

  static void verify(DSLContext dsl, Sealer sealer, Clock clock) {
    KeyRing keys = sealer.keys();
    Set<String> missing = new TreeSet<>(storedKeyIds(dsl));
    missing.removeAll(keys.ids());
    if (!missing.isEmpty()) {
      throw failure(
          "stored secrets are sealed with key id(s) "
              + missing
              + " that the key ring does not have; configure those keys (see the Keys section of"
              + " docs/operations.md)");
    }
    for (String id : new TreeSet<>(keys.ids())) {
      SealingKey key = keys.find(id).orElseThrow();
      Optional<String> canary = canary(dsl, id);
      if (canary.isEmpty()) {
        try {
          dsl.insertInto(SEALING_KEY_CHECK)
              .set(SEALING_KEY_CHECK.KEY_ID, id)
              .set(SEALING_KEY_CHECK.CANARY_SEALED, sealer.sealWith(key, CANARY, OWNER, COLUMN))
              .set(SEALING_KEY_CHECK.CREATED_AT, Times.db(clock.instant()))
              .execute();
          continue;
        } catch (DataAccessException e) {
          if (!StorageErrors.isDuplicateKey(e)) {
            throw e;
          }
          canary = canary(dsl, id); // another process registered the key first: check against it
        }
      }
      if (!opens(sealer, canary.orElseThrow())) {
        throw failure(
            "the configured key '"
                + id
                + "' is not the key that sealed the stored data under that id (wrong key)");
      }
    }
  }

  private static boolean opens(Sealer sealer, String sealed) {
    try {
      return CANARY.equals(sealer.open(sealed, OWNER, COLUMN));
    } catch (Sealer.UnreadableValueException e) {
      return false;
    }
  }

  private static Optional<String> canary(DSLContext dsl, String id) {
    return dsl.select(SEALING_KEY_CHECK.CANARY_SEALED)
        .from(SEALING_KEY_CHECK)
        .where(SEALING_KEY_CHECK.KEY_ID.eq(id))
        .fetchOptional(SEALING_KEY_CHECK.CANARY_SEALED);
  }

  private static Set<String> storedKeyIds(DSLContext dsl) {
    Set<String> ids = new TreeSet<>();
    ids.addAll(
        dsl.selectDistinct(GARMIN_CONNECTION.SEALED_KEY_ID)
            .from(GARMIN_CONNECTION)
            .fetch(GARMIN_CONNECTION.SEALED_KEY_ID));
    ids.addAll(
        dsl.selectDistinct(MFA_CHALLENGE.SEALED_KEY_ID)
            .from(MFA_CHALLENGE)
            .fetch(MFA_CHALLENGE.SEALED_KEY_ID));
    return ids;
  }

  private static StorageException failure(String message) {
    return new StorageException(ErrorCode.STORED_VALUE_UNREADABLE, message, null);
  }
}
