package io.perpetua.store.jdbc;

import io.perpetua.auth.Role;
import io.perpetua.auth.account.User;
import io.perpetua.auth.account.UserStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@link UserStore} on JDBC (table {@code users}, migration {@code V10}). Thread-safe. */
public final class JdbcUserStore implements UserStore {
  private static final String COLUMNS =
      "username, role, password_hash, banned, totp_secret, totp_enabled, recovery_codes,"
          + " failed_logins, locked_until_ms, created_at_ms";
  private static final String INSERT =
      "INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String UPDATE =
      "UPDATE users SET role = ?, password_hash = ?, banned = ?, totp_secret = ?, totp_enabled = ?,"
          + " recovery_codes = ?, failed_logins = ?, locked_until_ms = ? WHERE username = ?";

  private final JdbcRows rows;

  /** A store in {@code database}. */
  public JdbcUserStore(Database database) {
    this.rows = new JdbcRows(database);
  }

  @Override
  public boolean insert(User u) {
    return rows.update(
            "insert user",
            INSERT,
            p ->
                p.text(u.username())
                    .text(u.role().code())
                    .text(u.passwordHash())
                    .bool(u.banned())
                    .text(u.totpSecret())
                    .bool(u.totpEnabled())
                    .text(String.join(",", u.recoveryCodeHashes()))
                    .integer(u.failedLogins())
                    .bigint(u.lockedUntil() == null ? null : u.lockedUntil().toEpochMilli())
                    .bigint(u.createdAt().toEpochMilli()))
        == 1;
  }

  @Override
  public Optional<User> find(String username) {
    return rows.one(
        "find user",
        "SELECT " + COLUMNS + " FROM users WHERE username = ?",
        p -> p.text(username),
        JdbcUserStore::user);
  }

  @Override
  public void update(User u) {
    rows.update(
        "update user",
        UPDATE,
        p ->
            p.text(u.role().code())
                .text(u.passwordHash())
                .bool(u.banned())
                .text(u.totpSecret())
                .bool(u.totpEnabled())
                .text(String.join(",", u.recoveryCodeHashes()))
                .integer(u.failedLogins())
                .bigint(u.lockedUntil() == null ? null : u.lockedUntil().toEpochMilli())
                .text(u.username()));
  }

  @Override
  public List<User> list() {
    return rows.list(
        "list users",
        "SELECT " + COLUMNS + " FROM users ORDER BY username",
        p -> {},
        JdbcUserStore::user);
  }

  private static User user(ResultSet rs) throws SQLException {
    String codes = rs.getString(7);
    Long locked = JdbcRows.nullableLong(rs, 9);
    return new User(
        rs.getString(1),
        Role.parse(rs.getString(2)),
        rs.getString(3),
        rs.getBoolean(4),
        rs.getString(5),
        rs.getBoolean(6),
        codes.isEmpty() ? List.of() : Arrays.asList(codes.split(",")),
        rs.getInt(8),
        locked == null ? null : Instant.ofEpochMilli(locked),
        Instant.ofEpochMilli(rs.getLong(10)));
  }
}
