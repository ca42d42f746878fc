package io.perpetua.store.jdbc;

import io.perpetua.auth.apikey.ApiKey;
import io.perpetua.auth.apikey.ApiKeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link ApiKeyStore} on JDBC (table {@code api_keys}, migration {@code V2}). Holds no secret:
 * only each key's owner, the SHA-256 of its derived secret and its dates. Thread-safe; each call
 * uses its own connection.
 */
public final class JdbcApiKeyStore implements ApiKeyStore {
  private static final String COLUMNS =
      "key_id, owner, secret_sha256, created_at_ms, revoked_at_ms";
  private static final String INSERT =
      "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, NULL)";
  private static final String FIND = "SELECT " + COLUMNS + " FROM api_keys WHERE key_id = ?";
  private static final String LIST =
      "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at_ms, key_id";
  private static final String REVOKE =
      "UPDATE api_keys SET revoked_at_ms = ? WHERE key_id = ? AND revoked_at_ms IS NULL";

  private final DataSource dataSource;
  private final JdbcErrors errors;

  /** A store in {@code database}. */
  public JdbcApiKeyStore(Database database) {
    this.dataSource = database.dataSource();
    this.errors = database.errors();
  }

  @Override
  public void insert(ApiKey key) {
    Objects.requireNonNull(key, "key");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(INSERT)) {
      new Params(ps)
          .text(key.keyId())
          .text(key.owner())
          .text(key.secretSha256())
          .bigint(key.createdAt().toEpochMilli());
      ps.executeUpdate();
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new IllegalArgumentException("API key " + key.keyId() + " exists", e);
      }
      throw errors.translate("insert API key", e);
    }
  }

  @Override
  public Optional<ApiKey> find(String keyId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(FIND)) {
      ps.setString(1, keyId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(key(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw errors.translate("find API key", e);
    }
  }

  @Override
  public List<ApiKey> list() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(LIST);
        ResultSet rs = ps.executeQuery()) {
      List<ApiKey> out = new ArrayList<>();
      while (rs.next()) {
        out.add(key(rs));
      }
      return out;
    } catch (SQLException e) {
      throw errors.translate("list API keys", e);
    }
  }

  @Override
  public boolean revoke(String keyId, Instant at) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(REVOKE)) {
      new Params(ps).bigint(at.toEpochMilli()).text(keyId);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw errors.translate("revoke API key", e);
    }
  }

  private static ApiKey key(ResultSet rs) throws SQLException {
    long revoked = rs.getLong(5);
    Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revoked);
    return new ApiKey(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        Instant.ofEpochMilli(rs.getLong(4)),
        revokedAt);
  }
}
