package io.perpetua.server.http;

/**
 * The logic of one {@link Route}: reads the validated request and returns the response {@code data}
 * (a record serialised with the API's JSON conventions), which the server wraps in the success
 * envelope. Failures are signalled by throwing: {@link ApiException} for a known error, {@link
 * io.perpetua.trading.port.ServiceUnavailableException} for an unreachable upstream; anything else
 * becomes a 50000 internal error.
 */
@FunctionalInterface
public interface ApiHandler {
  /** The response data for a request whose parameters and body are already validated. */
  Object handle(ApiRequest request) throws Exception;
}
