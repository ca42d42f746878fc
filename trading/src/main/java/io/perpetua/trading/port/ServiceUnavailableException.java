package io.perpetua.trading.port;

/**
 * An external service behind a port (Redis, the database, a venue) is unreachable. Callers may
 * retry; the HTTP API maps it to a 503xx error. The message names the service, never credentials.
 */
public class ServiceUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message naming the service and a cause. */
  public ServiceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
