package com.fittrack.garminauth.persistence;

import static com.fittrack.garminauth.persistence.generated.Tables.GARMIN_CONNECTION;

import com.fittrack.garminauth.core.domain.ConnectionFailure;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.CredentialType;
import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.LegacyOAuthCredentials;
import com.fittrack.garminauth.core.domain.OAuth1Token;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.crypto.Sealer;
import com.fittrack.garminauth.persistence.generated.tables.records.GarminConnectionRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.TableField;

/**
 * Maps a {@link GarminConnection} to the columns of its row and back. Plain columns hold what the
 * sweeper and operators query; every secret goes into its own sealed column, bound to the user and
 * column name.
 */
final class ConnectionRows {
  private final Sealer sealer;

  ConnectionRows(Sealer sealer) {
    this.sealer = sealer;
  }

  /** Every column that describes the connection (not version, lease or row timestamps). */
  Map<Field<?>, Object> columns(GarminConnection c) {
    String user = c.userId().value();
    Map<Field<?>, Object> v = new LinkedHashMap<>();
    v.put(GARMIN_CONNECTION.STATUS, c.status().name());
    GarminCredentials creds = c.credentials();
    v.put(GARMIN_CONNECTION.CREDENTIAL_TYPE, creds.type().name());
    v.put(GARMIN_CONNECTION.ACCESS_EXPIRES_AT, Times.db(creds.accessTokenExpiresAt()));
    v.put(GARMIN_CONNECTION.REFRESH_EXPIRES_AT, Times.db(creds.refreshTokenExpiresAt()));
    v.put(
        GARMIN_CONNECTION.ACCESS_TOKEN_SEALED,
        seal(creds.accessToken(), user, GARMIN_CONNECTION.ACCESS_TOKEN_SEALED));
    if (creds instanceof DiOAuth2Credentials di) {
      v.put(GARMIN_CONNECTION.CLIENT_ID, di.clientId());
      v.put(
          GARMIN_CONNECTION.REFRESH_TOKEN_SEALED,
          seal(di.refreshToken(), user, GARMIN_CONNECTION.REFRESH_TOKEN_SEALED));
      v.put(GARMIN_CONNECTION.OAUTH1_DOMAIN, null);
      v.put(GARMIN_CONNECTION.OAUTH1_MFA_EXPIRES_AT, null);
      v.put(GARMIN_CONNECTION.OAUTH1_TOKEN_SEALED, null);
      v.put(GARMIN_CONNECTION.OAUTH1_SECRET_SEALED, null);
      v.put(GARMIN_CONNECTION.OAUTH1_MFA_TOKEN_SEALED, null);
    } else if (creds instanceof LegacyOAuthCredentials legacy) {
      OAuth1Token o = legacy.oauth1();
      v.put(GARMIN_CONNECTION.CLIENT_ID, null);
      v.put(
          GARMIN_CONNECTION.REFRESH_TOKEN_SEALED,
          legacy
              .refreshToken()
              .map(s -> seal(s, user, GARMIN_CONNECTION.REFRESH_TOKEN_SEALED))
              .orElse(null));
      v.put(GARMIN_CONNECTION.OAUTH1_DOMAIN, o.domain());
      v.put(GARMIN_CONNECTION.OAUTH1_MFA_EXPIRES_AT, Times.db(o.mfaExpiresAt()));
      v.put(
          GARMIN_CONNECTION.OAUTH1_TOKEN_SEALED,
          seal(o.token(), user, GARMIN_CONNECTION.OAUTH1_TOKEN_SEALED));
      v.put(
          GARMIN_CONNECTION.OAUTH1_SECRET_SEALED,
          seal(o.tokenSecret(), user, GARMIN_CONNECTION.OAUTH1_SECRET_SEALED));
      v.put(
          GARMIN_CONNECTION.OAUTH1_MFA_TOKEN_SEALED,
          o.mfaToken()
              .map(s -> seal(s, user, GARMIN_CONNECTION.OAUTH1_MFA_TOKEN_SEALED))
              .orElse(null));
    }
    v.put(GARMIN_CONNECTION.SEALED_KEY_ID, sealer.keys().active().id());
    v.put(
        GARMIN_CONNECTION.DISPLAY_NAME, c.identity().map(GarminIdentity::displayName).orElse(null));
    v.put(
        GARMIN_CONNECTION.PROFILE_ID, c.identity().flatMap(GarminIdentity::profileId).orElse(null));
    v.put(GARMIN_CONNECTION.CONNECTED_AT, Times.db(c.connectedAt()));
    v.put(GARMIN_CONNECTION.LAST_REFRESHED_AT, Times.db(c.lastRefreshedAt()));
    v.put(
        GARMIN_CONNECTION.LAST_FAILURE_CODE,
        c.lastFailure().map(ConnectionFailure::code).orElse(null));
    v.put(
        GARMIN_CONNECTION.LAST_FAILURE_AT, c.lastFailure().map(f -> Times.db(f.at())).orElse(null));
    return v;
  }

  GarminConnection read(GarminConnectionRecord r) {
    String user = r.getUserId();
    Secret access = open(r.getAccessTokenSealed(), user, GARMIN_CONNECTION.ACCESS_TOKEN_SEALED);
    Instant accessExpires = Times.instant(r.getAccessExpiresAt());
    Optional<Instant> refreshExpires = Times.optional(r.getRefreshExpiresAt());
    GarminCredentials creds =
        switch (CredentialType.valueOf(r.getCredentialType())) {
          case DI_OAUTH2 ->
              new DiOAuth2Credentials(
                  access,
                  open(r.getRefreshTokenSealed(), user, GARMIN_CONNECTION.REFRESH_TOKEN_SEALED),
                  r.getClientId(),
                  accessExpires,
                  refreshExpires);
          case LEGACY_OAUTH1 ->
              new LegacyOAuthCredentials(
                  new OAuth1Token(
                      open(r.getOauth1TokenSealed(), user, GARMIN_CONNECTION.OAUTH1_TOKEN_SEALED),
                      open(r.getOauth1SecretSealed(), user, GARMIN_CONNECTION.OAUTH1_SECRET_SEALED),
                      openOptional(
                          r.getOauth1MfaTokenSealed(),
                          user,
                          GARMIN_CONNECTION.OAUTH1_MFA_TOKEN_SEALED),
                      Times.optional(r.getOauth1MfaExpiresAt()),
                      r.getOauth1Domain()),
                  access,
                  openOptional(
                      r.getRefreshTokenSealed(), user, GARMIN_CONNECTION.REFRESH_TOKEN_SEALED),
                  accessExpires,
                  refreshExpires);
        };
    Optional<GarminIdentity> identity =
        Optional.ofNullable(r.getDisplayName())
            .map(name -> new GarminIdentity(name, Optional.ofNullable(r.getProfileId())));
    Optional<ConnectionFailure> failure =
        Optional.ofNullable(r.getLastFailureCode())
            .map(code -> new ConnectionFailure(code, Times.instant(r.getLastFailureAt())));
    return new GarminConnection(
        UserId.of(user),
        ConnectionStatus.valueOf(r.getStatus()),
        creds,
        identity,
        Times.instant(r.getConnectedAt()),
        Times.optional(r.getLastRefreshedAt()),
        failure,
        r.getVersion());
  }

  /** The sealed columns of a row, re-sealed with the active key (for rekey). */
  Map<Field<?>, Object> resealed(GarminConnectionRecord r) {
    String user = r.getUserId();
    Map<Field<?>, Object> v = new LinkedHashMap<>();
    for (TableField<GarminConnectionRecord, String> column : SEALED_COLUMNS) {
      String sealed = r.get(column);
      v.put(
          column,
          sealed == null ? null : sealer.seal(openRaw(sealed, user, column), user, name(column)));
    }
    v.put(GARMIN_CONNECTION.SEALED_KEY_ID, sealer.keys().active().id());
    return v;
  }

  static final List<TableField<GarminConnectionRecord, String>> SEALED_COLUMNS =
      List.of(
          GARMIN_CONNECTION.ACCESS_TOKEN_SEALED,
          GARMIN_CONNECTION.REFRESH_TOKEN_SEALED,
          GARMIN_CONNECTION.OAUTH1_TOKEN_SEALED,
          GARMIN_CONNECTION.OAUTH1_SECRET_SEALED,
          GARMIN_CONNECTION.OAUTH1_MFA_TOKEN_SEALED);

  private String seal(
      Secret secret, String user, TableField<GarminConnectionRecord, String> column) {
    return sealer.seal(secret.reveal(), user, name(column));
  }

  private Secret open(
      String sealed, String user, TableField<GarminConnectionRecord, String> column) {
    if (sealed == null) {
      throw StorageErrors.unreadable(
          user, name(column), new Sealer.UnreadableValueException("it is missing"));
    }
    return Secret.of(openRaw(sealed, user, column));
  }

  private Optional<Secret> openOptional(
      String sealed, String user, TableField<GarminConnectionRecord, String> column) {
    return sealed == null ? Optional.empty() : Optional.of(open(sealed, user, column));
  }

  private String openRaw(
      String sealed, String user, TableField<GarminConnectionRecord, String> column) {
    try {
      return sealer.open(sealed, user, name(column));
    } catch (Sealer.UnreadableValueException e) {
      throw StorageErrors.unreadable(user, name(column), e);
    }
  }

  /** The associated-data name of a column, e.g. {@code garmin_connection.access_token_sealed}. */
  static String name(Field<?> column) {
    return "garmin_connection." + column.getName();
  }
}
