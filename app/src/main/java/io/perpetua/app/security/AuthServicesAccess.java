package io.perpetua.app.security;

import io.perpetua.server.auth.AuthServices;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.trading.port.ServiceUnavailableException;

/** Files four-eyes requests for routes of other groups (e.g. the risk routes' resume). */
final class AuthServicesAccess {
  private AuthServicesAccess() {}

  static String request(
      AuthServices services, ApiRequest request, String action, String payload, String reason) {
    if (services == null) {
      throw new ServiceUnavailableException("account store not open yet", null);
    }
    return services
        .fourEyes()
        .request(request.principal(), action, payload, reason, request.requestId())
        .id();
  }
}
