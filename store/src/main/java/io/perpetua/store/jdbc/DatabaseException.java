package io.perpetua.store.jdbc;

/**
 * A database operation failed for a reason other than the database being unreachable (which is
 * {@link io.perpetua.trading.port.ServiceUnavailableException}): a constraint violation, a failed
 * migration, malformed data. The message names the operation and the database URL without
 * credentials.
 */
public class DatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message and a cause. */
  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
