package com.fittrack.garminauth.persistence;

import static com.fittrack.garminauth.persistence.StorageErrors.guard;
import static com.fittrack.garminauth.persistence.generated.Tables.GARMIN_CONNECTION;

import com.fittrack.garminauth.core.application.port.out.ConnectionDirectory;
import com.fittrack.garminauth.core.domain.ConnectionFailure;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.CredentialType;
import com.fittrack.garminauth.core.domain.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** {@link ConnectionDirectory} on jOOQ: keyset pages over the primary key, plain columns only. */
final class JooqConnectionDirectory implements ConnectionDirectory {
  private final DSLContext dsl;

  JooqConnectionDirectory(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public List<Entry> list(Optional<ConnectionStatus> status, Optional<UserId> after, int limit) {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(after, "after");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    Condition where = DSL.noCondition();
    if (status.isPresent()) {
      where = where.and(GARMIN_CONNECTION.STATUS.eq(status.get().name()));
    }
    if (after.isPresent()) {
      where = where.and(GARMIN_CONNECTION.USER_ID.gt(after.get().value()));
    }
    Condition condition = where;
    return guard(
        "list connections",
        () ->
            dsl.select(
                    GARMIN_CONNECTION.USER_ID,
                    GARMIN_CONNECTION.STATUS,
                    GARMIN_CONNECTION.CREDENTIAL_TYPE,
                    GARMIN_CONNECTION.DISPLAY_NAME,
                    GARMIN_CONNECTION.CONNECTED_AT,
                    GARMIN_CONNECTION.LAST_REFRESHED_AT,
                    GARMIN_CONNECTION.ACCESS_EXPIRES_AT,
                    GARMIN_CONNECTION.REFRESH_EXPIRES_AT,
                    GARMIN_CONNECTION.LAST_FAILURE_CODE,
                    GARMIN_CONNECTION.LAST_FAILURE_AT)
                .from(GARMIN_CONNECTION)
                .where(condition)
                .orderBy(GARMIN_CONNECTION.USER_ID)
                .limit(limit)
                .fetch()
                .map(JooqConnectionDirectory::entry));
  }

  private static Entry entry(Record r) {
    String failureCode = r.get(GARMIN_CONNECTION.LAST_FAILURE_CODE);
    Optional<ConnectionFailure> failure =
        failureCode == null || r.get(GARMIN_CONNECTION.LAST_FAILURE_AT) == null
            ? Optional.empty()
            : Optional.of(
                new ConnectionFailure(
                    failureCode, Times.instant(r.get(GARMIN_CONNECTION.LAST_FAILURE_AT))));
    return new Entry(
        UserId.of(r.get(GARMIN_CONNECTION.USER_ID)),
        ConnectionStatus.valueOf(r.get(GARMIN_CONNECTION.STATUS)),
        CredentialType.valueOf(r.get(GARMIN_CONNECTION.CREDENTIAL_TYPE)),
        Optional.ofNullable(r.get(GARMIN_CONNECTION.DISPLAY_NAME)),
        Times.instant(r.get(GARMIN_CONNECTION.CONNECTED_AT)),
        Times.optional(r.get(GARMIN_CONNECTION.LAST_REFRESHED_AT)),
        Times.instant(r.get(GARMIN_CONNECTION.ACCESS_EXPIRES_AT)),
        Times.optional(r.get(GARMIN_CONNECTION.REFRESH_EXPIRES_AT)),
        failure);
  }
}
