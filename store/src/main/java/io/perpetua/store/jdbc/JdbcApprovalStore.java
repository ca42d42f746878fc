package io.perpetua.store.jdbc;

import io.perpetua.auth.approval.ApprovalRequest;
import io.perpetua.auth.approval.ApprovalStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@link ApprovalStore} on JDBC (table {@code approval_requests}, migration {@code V10}). A
 * decision is one conditional {@code UPDATE} on the expected status. Thread-safe.
 */
public final class JdbcApprovalStore implements ApprovalStore {
  private static final String COLUMNS =
      "request_id, action, payload, before_state, requester, request_reason, status, decider,"
          + " decision_reason, result, requested_at_ms, decided_at_ms";

  private final JdbcRows rows;

  /** A store in {@code database}. */
  public JdbcApprovalStore(Database database) {
    this.rows = new JdbcRows(database);
  }

  @Override
  public void insert(ApprovalRequest r) {
    int n =
        rows.update(
            "insert approval request",
            "INSERT INTO approval_requests ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?)",
            p ->
                p.text(r.id())
                    .text(r.action())
                    .text(r.payload())
                    .text(r.before())
                    .text(r.requester())
                    .text(r.requestReason())
                    .text(r.status())
                    .text(r.decider())
                    .text(r.decisionReason())
                    .text(r.result())
                    .bigint(r.requestedAt().toEpochMilli())
                    .bigint(r.decidedAt() == null ? null : r.decidedAt().toEpochMilli()));
    if (n != 1) {
      throw new IllegalArgumentException("request exists");
    }
  }

  @Override
  public Optional<ApprovalRequest> find(String id) {
    return rows.one(
        "find approval request",
        "SELECT " + COLUMNS + " FROM approval_requests WHERE request_id = ?",
        p -> p.text(id),
        JdbcApprovalStore::request);
  }

  @Override
  public List<ApprovalRequest> list(String status, int limit) {
    String where = status == null ? "" : " WHERE status = ?";
    return rows.list(
        "list approval requests",
        "SELECT "
            + COLUMNS
            + " FROM approval_requests"
            + where
            + " ORDER BY requested_at_ms DESC, request_id DESC FETCH FIRST "
            + limit
            + " ROWS ONLY",
        p -> {
          if (status != null) {
            p.text(status);
          }
        },
        JdbcApprovalStore::request);
  }

  @Override
  public boolean decide(ApprovalRequest d, String expectedStatus) {
    return rows.update(
            "decide approval request",
            "UPDATE approval_requests SET status = ?, decider = ?, decision_reason = ?, result = ?,"
                + " decided_at_ms = ? WHERE request_id = ? AND status = ?",
            p ->
                p.text(d.status())
                    .text(d.decider())
                    .text(d.decisionReason())
                    .text(d.result())
                    .bigint(d.decidedAt() == null ? null : d.decidedAt().toEpochMilli())
                    .text(d.id())
                    .text(expectedStatus))
        == 1;
  }

  private static ApprovalRequest request(ResultSet rs) throws SQLException {
    Long decided = JdbcRows.nullableLong(rs, 12);
    return new ApprovalRequest(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        Instant.ofEpochMilli(rs.getLong(11)),
        decided == null ? null : Instant.ofEpochMilli(decided));
  }
}
