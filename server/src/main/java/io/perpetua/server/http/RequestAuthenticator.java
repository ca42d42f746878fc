package io.perpetua.server.http;

import java.util.Map;
import java.util.Set;

/**
 * Authenticates the requests of routes that do not use the bearer token (declared with {@link
 * Route.Builder#authenticatedBy}), e.g. the HMAC-signed job API. The dispatcher calls it before the
 * parameters and body are read; the {@link Caller} it returns is available to the handler as {@link
 * ApiRequest#caller()}. Implementations are thread-safe.
 */
public interface RequestAuthenticator {
  /** The scheme name, used in {@code WWW-Authenticate} challenges, e.g. {@code PERPETUA-HMAC}. */
  String scheme();

  /**
   * The headers that carry the credentials, by name, with a description each (documented as OpenAPI
   * {@code apiKey} security schemes, all required together).
   */
  Map<String, String> headers();

  /** The errors {@link #authenticate} can raise, for the OpenAPI document. */
  Set<ApiError> errors();

  /**
   * Who sent {@code request}.
   *
   * @throws ApiException (a 401 error) when the request is not authentic
   */
  Caller authenticate(RawRequest request);
}
