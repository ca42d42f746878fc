package io.perpetua.store.jdbc;

import io.perpetua.auth.Role;
import io.perpetua.auth.account.InviteCode;
import io.perpetua.auth.account.InviteStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@link InviteStore} on JDBC (table {@code invite_codes}, migration {@code V10}); a use is one
 * conditional {@code UPDATE}, so concurrent registrations never exceed the maximum. Thread-safe.
 */
public final class JdbcInviteStore implements InviteStore {
  private static final String COLUMNS =
      "code, role, max_uses, used_count, disabled, expires_at_ms, created_by, created_at_ms";

  private final JdbcRows rows;

  /** A store in {@code database}. */
  public JdbcInviteStore(Database database) {
    this.rows = new JdbcRows(database);
  }

  @Override
  public void insert(InviteCode i) {
    int n =
        rows.update(
            "insert invite",
            "INSERT INTO invite_codes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            p ->
                p.text(i.code())
                    .text(i.role().code())
                    .integer(i.maxUses())
                    .integer(i.usedCount())
                    .bool(i.disabled())
                    .bigint(i.expiresAt().toEpochMilli())
                    .text(i.createdBy())
                    .bigint(i.createdAt().toEpochMilli()));
    if (n != 1) {
      throw new IllegalArgumentException("invite exists");
    }
  }

  @Override
  public Optional<InviteCode> find(String code) {
    return rows.one(
        "find invite",
        "SELECT " + COLUMNS + " FROM invite_codes WHERE code = ?",
        p -> p.text(code),
        JdbcInviteStore::invite);
  }

  @Override
  public List<InviteCode> list() {
    return rows.list(
        "list invites",
        "SELECT " + COLUMNS + " FROM invite_codes ORDER BY created_at_ms, code",
        p -> {},
        JdbcInviteStore::invite);
  }

  @Override
  public boolean consume(String code, Instant now) {
    return rows.update(
            "use invite",
            "UPDATE invite_codes SET used_count = used_count + 1 WHERE code = ? AND NOT disabled"
                + " AND used_count < max_uses AND expires_at_ms > ?",
            p -> p.text(code).bigint(now.toEpochMilli()))
        == 1;
  }

  @Override
  public boolean disable(String code) {
    return rows.update(
            "disable invite",
            "UPDATE invite_codes SET disabled = TRUE WHERE code = ?",
            p -> p.text(code))
        == 1;
  }

  private static InviteCode invite(ResultSet rs) throws SQLException {
    return new InviteCode(
        rs.getString(1),
        Role.parse(rs.getString(2)),
        rs.getInt(3),
        rs.getInt(4),
        rs.getBoolean(5),
        Instant.ofEpochMilli(rs.getLong(6)),
        rs.getString(7),
        Instant.ofEpochMilli(rs.getLong(8)));
  }
}
