package io.perpetua.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The stream epochs in the journal database ({@code stream_epochs}, migration V160): {@link #next}
 * takes an epoch no other process took, above every earlier one, even when two processes start at
 * once (the primary key decides; the loser takes the next). Thread-safe.
 */
public final class JdbcStreamEpochs {
  private static final int ATTEMPTS = 20;

  private final JdbcAccess db;

  /** Epochs in {@code database}. */
  public JdbcStreamEpochs(Database database) {
    Objects.requireNonNull(database, "database");
    this.db = new JdbcAccess(database.dataSource(), database.errors());
  }

  /** Takes the next epoch (from 1) for a process starting at {@code nowMs}. */
  public long next(long nowMs) {
    return db.query("take a stream epoch", c -> take(c, nowMs));
  }

  private static long take(Connection c, long nowMs) throws SQLException {
    SQLException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      long epoch;
      try (PreparedStatement ps =
              c.prepareStatement("SELECT COALESCE(MAX(epoch), 0) + 1 FROM stream_epochs");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        epoch = rs.getLong(1);
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO stream_epochs (epoch, started_at_ms) VALUES (?, ?)")) {
        ps.setLong(1, epoch);
        ps.setLong(2, nowMs);
        ps.executeUpdate();
        return epoch;
      } catch (SQLException e) {
        last = e; // another process took it: try the next
      }
    }
    throw last;
  }
}
