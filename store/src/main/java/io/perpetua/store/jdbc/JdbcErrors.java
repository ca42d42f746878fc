package io.perpetua.store.jdbc;

import io.perpetua.trading.port.ServiceUnavailableException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

/**
 * Translates JDBC failures into the store's exceptions: connection problems become {@link
 * ServiceUnavailableException}, everything else {@link DatabaseException}; messages name the
 * database by its credential-free URL, and a cause whose messages would reveal a secret is replaced
 * by a redacted copy. Immutable and thread-safe.
 */
final class JdbcErrors {
  private final String safeUrl;
  private final List<String> secrets;

  JdbcErrors(String safeUrl, List<String> secrets) {
    this.safeUrl = safeUrl;
    this.secrets = List.copyOf(secrets);
  }

  /** The exception to throw for {@code e} raised while doing {@code operation}. */
  RuntimeException translate(String operation, Exception e) {
    if (isConnectionFailure(e)) {
      return unavailable(operation, e);
    }
    Throwable cause = redacted(e);
    return new DatabaseException(
        operation + " failed on " + safeUrl + ": " + rootMessage(cause), cause);
  }

  /** A {@link ServiceUnavailableException} for {@code e}, whatever its kind. */
  ServiceUnavailableException unavailable(String operation, Exception e) {
    Throwable cause = redacted(e);
    return new ServiceUnavailableException(
        "Database unavailable at " + safeUrl + " (" + operation + "): " + rootMessage(cause),
        cause);
  }

  static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  private Throwable redacted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (containsSecret(t.getMessage())) {
        return new DatabaseException(redact(rootMessage(e)), null);
      }
    }
    return e;
  }

  private boolean containsSecret(String message) {
    return message != null && secrets.stream().anyMatch(message::contains);
  }

  private String redact(String message) {
    String out = message;
    for (String secret : secrets) {
      out = out.replace(secret, "***");
    }
    return out;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }
}
