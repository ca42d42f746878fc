package io.perpetua.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.signals.hotlist.FearGreed;
import io.perpetua.signals.hotlist.HotCoin;
import io.perpetua.signals.hotlist.HotComponent;
import io.perpetua.signals.hotlist.HotScan;
import io.perpetua.signals.hotlist.HotlistStore;
import io.perpetua.signals.hotlist.RiskTags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The {@link HotlistStore} on JDBC (tables {@code hotlist_scans}, {@code hotlist}, {@code
 * hotlist_whitelist}, migration {@code V95}): a scan and its rows are inserted in one transaction;
 * a decision is one conditional {@code UPDATE} on the candidate status. Breakdown and risk tags are
 * JSON text. Thread-safe.
 */
public final class JdbcHotlistStore implements HotlistStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<HotComponent>> COMPONENTS = new TypeReference<>() {};
  private static final String COLUMNS =
      "scan_ts, symbol, rank_no, score, breakdown, risk_tags, status, decided_by, decided_at_ms,"
          + " decision_reason, expires_at_ms";

  private final JdbcRows rows;
  private final JdbcAccess access;

  /** A store in {@code database}. */
  public JdbcHotlistStore(Database database) {
    this.rows = new JdbcRows(database);
    this.access = new JdbcAccess(database.dataSource(), database.errors());
  }

  @Override
  public boolean insert(HotScan scan) {
    return access.query(
        "insert hotlist scan",
        c -> {
          c.setAutoCommit(false);
          try {
            boolean done = insert(c, scan);
            c.commit();
            return done;
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            if ("23505".equals(e instanceof SQLException s ? s.getSQLState() : null)) {
              return false;
            }
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
        });
  }

  private static boolean insert(Connection c, HotScan scan) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO hotlist_scans (scan_ts, created_at_ms, scored, market) VALUES (?, ?, ?, ?)")) {
      new Params(ps)
          .bigint(scan.ts())
          .bigint(scan.createdAtMs())
          .integer(scan.scored())
          .text(json(scan.market()));
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO hotlist (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (HotCoin h : scan.coins()) {
        new Params(ps)
            .bigint(h.scanTs())
            .text(h.symbol())
            .integer(h.rank())
            .real(h.score())
            .text(json(h.components()))
            .text(json(h.tags()))
            .text(h.status())
            .text(h.decidedBy())
            .bigint(h.decidedAtMs())
            .text(h.reason())
            .bigint(h.expiresAtMs());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return true;
  }

  @Override
  public Optional<HotScan> scan(long ts) {
    return rows.one(
            "find hotlist scan",
            "SELECT scan_ts, created_at_ms, scored, market FROM hotlist_scans WHERE scan_ts = ?",
            p -> p.bigint(ts),
            JdbcHotlistStore::header)
        .map(this::withCoins);
  }

  @Override
  public Optional<HotScan> latest() {
    return rows.one(
            "latest hotlist scan",
            "SELECT scan_ts, created_at_ms, scored, market FROM hotlist_scans"
                + " ORDER BY scan_ts DESC FETCH FIRST 1 ROWS ONLY",
            p -> {},
            JdbcHotlistStore::header)
        .map(this::withCoins);
  }

  private HotScan withCoins(HotScan header) {
    List<HotCoin> coins =
        rows.list(
            "list hotlist rows",
            "SELECT " + COLUMNS + " FROM hotlist WHERE scan_ts = ? ORDER BY rank_no",
            p -> p.bigint(header.ts()),
            JdbcHotlistStore::coin);
    return new HotScan(header.ts(), header.createdAtMs(), header.scored(), header.market(), coins);
  }

  @Override
  public boolean decide(HotCoin d) {
    return rows.update(
            "decide hotlist candidate",
            "UPDATE hotlist SET status = ?, decided_by = ?, decided_at_ms = ?, decision_reason = ?"
                + " WHERE scan_ts = ? AND symbol = ? AND status = ?",
            p ->
                p.text(d.status())
                    .text(d.decidedBy())
                    .bigint(d.decidedAtMs())
                    .text(d.reason())
                    .bigint(d.scanTs())
                    .text(d.symbol())
                    .text(HotCoin.CANDIDATE))
        == 1;
  }

  @Override
  public void whitelist(WhitelistEntry e) {
    rows.update(
        "whitelist delete",
        "DELETE FROM hotlist_whitelist WHERE symbol = ?",
        p -> p.text(e.symbol()));
    rows.update(
        "whitelist insert",
        "INSERT INTO hotlist_whitelist (symbol, approved_by, approved_at_ms, scan_ts, reason)"
            + " VALUES (?, ?, ?, ?, ?)",
        p ->
            p.text(e.symbol())
                .text(e.approvedBy())
                .bigint(e.approvedAtMs())
                .bigint(e.scanTs())
                .text(e.reason()));
  }

  @Override
  public List<WhitelistEntry> whitelist() {
    return rows.list(
        "list whitelist",
        "SELECT symbol, approved_by, approved_at_ms, scan_ts, reason FROM hotlist_whitelist"
            + " ORDER BY symbol",
        p -> {},
        rs ->
            new WhitelistEntry(
                rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5)));
  }

  private static HotScan header(ResultSet rs) throws SQLException {
    return new HotScan(
        rs.getLong(1),
        rs.getLong(2),
        rs.getInt(3),
        read(rs.getString(4), FearGreed.class),
        List.of());
  }

  private static HotCoin coin(ResultSet rs) throws SQLException {
    try {
      return new HotCoin(
          rs.getLong(1),
          rs.getInt(3),
          rs.getString(2),
          rs.getDouble(4),
          JSON.readValue(rs.getString(5), COMPONENTS),
          read(rs.getString(6), RiskTags.class),
          rs.getString(7),
          rs.getString(8),
          JdbcRows.nullableLong(rs, 9),
          rs.getString(10),
          rs.getLong(11));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("hotlist row is not readable JSON", e);
    }
  }

  private static <T> T read(String text, Class<T> type) {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("hotlist row is not readable JSON", e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
