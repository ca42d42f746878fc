package io.perpetua.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Binds the parameters of a prepared statement in order, with explicit SQL NULL types. Not
 * thread-safe; one per statement execution.
 */
final class Params {
  private final PreparedStatement statement;
  private int index;

  Params(PreparedStatement statement) {
    this.statement = statement;
  }

  Params text(String value) throws SQLException {
    if (value == null) {
      statement.setNull(++index, Types.VARCHAR);
    } else {
      statement.setString(++index, value);
    }
    return this;
  }

  Params decimal(java.math.BigDecimal value) throws SQLException {
    if (value == null) {
      statement.setNull(++index, Types.NUMERIC);
    } else {
      statement.setBigDecimal(++index, value);
    }
    return this;
  }

  Params bigint(long value) throws SQLException {
    statement.setLong(++index, value);
    return this;
  }

  Params bigint(Long value) throws SQLException {
    if (value == null) {
      statement.setNull(++index, Types.BIGINT);
      return this;
    }
    return bigint(value.longValue());
  }

  Params integer(int value) throws SQLException {
    statement.setInt(++index, value);
    return this;
  }

  Params integer(Integer value) throws SQLException {
    if (value == null) {
      statement.setNull(++index, Types.INTEGER);
      return this;
    }
    return integer(value.intValue());
  }

  Params real(double value) throws SQLException {
    statement.setDouble(++index, value);
    return this;
  }

  Params bool(boolean value) throws SQLException {
    statement.setBoolean(++index, value);
    return this;
  }
}
