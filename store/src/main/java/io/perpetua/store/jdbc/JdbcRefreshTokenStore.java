package io.perpetua.store.jdbc;

import io.perpetua.auth.token.RefreshToken;
import io.perpetua.auth.token.RefreshTokenStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@link RefreshTokenStore} on JDBC (table {@code refresh_tokens}, migration {@code V10}).
 * Rotation is one conditional {@code UPDATE} (compare-and-set). Thread-safe.
 */
public final class JdbcRefreshTokenStore implements RefreshTokenStore {
  private static final String COLUMNS =
      "token_hash, family, username, issued_at_ms, expires_at_ms, rotated_at_ms, revoked_at_ms";

  private final JdbcRows rows;

  /** A store in {@code database}. */
  public JdbcRefreshTokenStore(Database database) {
    this.rows = new JdbcRows(database);
  }

  @Override
  public void insert(RefreshToken t) {
    rows.update(
        "insert refresh token",
        "INSERT INTO refresh_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, NULL, NULL)",
        p ->
            p.text(t.tokenHash())
                .text(t.family())
                .text(t.username())
                .bigint(t.issuedAt().toEpochMilli())
                .bigint(t.expiresAt().toEpochMilli()));
  }

  @Override
  public Optional<RefreshToken> find(String tokenHash) {
    return rows.one(
        "find refresh token",
        "SELECT " + COLUMNS + " FROM refresh_tokens WHERE token_hash = ?",
        p -> p.text(tokenHash),
        JdbcRefreshTokenStore::token);
  }

  @Override
  public boolean rotate(String tokenHash, Instant at) {
    return rows.update(
            "rotate refresh token",
            "UPDATE refresh_tokens SET rotated_at_ms = ? WHERE token_hash = ?"
                + " AND rotated_at_ms IS NULL AND revoked_at_ms IS NULL",
            p -> p.bigint(at.toEpochMilli()).text(tokenHash))
        == 1;
  }

  @Override
  public void revokeFamily(String family, Instant at) {
    rows.update(
        "revoke refresh family",
        "UPDATE refresh_tokens SET revoked_at_ms = ? WHERE family = ? AND revoked_at_ms IS NULL",
        p -> p.bigint(at.toEpochMilli()).text(family));
  }

  @Override
  public void revokeUser(String username, Instant at) {
    rows.update(
        "revoke user refresh tokens",
        "UPDATE refresh_tokens SET revoked_at_ms = ? WHERE username = ? AND revoked_at_ms IS NULL",
        p -> p.bigint(at.toEpochMilli()).text(username));
  }

  @Override
  public boolean familyRevoked(String family) {
    return rows.one(
            "check refresh family",
            "SELECT token_hash FROM refresh_tokens WHERE family = ? AND revoked_at_ms IS NOT NULL"
                + " FETCH FIRST 1 ROWS ONLY",
            p -> p.text(family),
            rs -> rs.getString(1))
        .isPresent();
  }

  private static RefreshToken token(ResultSet rs) throws SQLException {
    Long rotated = JdbcRows.nullableLong(rs, 6);
    Long revoked = JdbcRows.nullableLong(rs, 7);
    return new RefreshToken(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        Instant.ofEpochMilli(rs.getLong(4)),
        Instant.ofEpochMilli(rs.getLong(5)),
        rotated == null ? null : Instant.ofEpochMilli(rotated),
        revoked == null ? null : Instant.ofEpochMilli(revoked));
  }
}
