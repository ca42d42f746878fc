package io.perpetua.server.auth;

import io.perpetua.auth.Principal;
import io.perpetua.auth.account.AccountAdmin;
import io.perpetua.auth.account.Accounts;
import io.perpetua.auth.approval.FourEyes;
import io.perpetua.server.http.BearerAuthenticator;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The account services the routes use, built by the composition root once the database is open.
 * Immutable.
 *
 * @param accounts logins and tokens
 * @param admin the admin commands
 * @param fourEyes four-eyes requests
 * @param audit the audit recorder
 */
public record AuthServices(
    Accounts accounts, AccountAdmin admin, FourEyes fourEyes, AuditRecorder audit) {
  /** Validates. */
  public AuthServices {
    Objects.requireNonNull(accounts, "accounts");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(fourEyes, "fourEyes");
    Objects.requireNonNull(audit, "audit");
  }

  /** The supplied services, or 503 (50301) while the database is not open. */
  static AuthServices ready(Supplier<AuthServices> supplier) {
    AuthServices s = supplier.get();
    if (s == null) {
      throw new ServiceUnavailableException("account store not open yet", null);
    }
    return s;
  }

  /**
   * User access tokens as a {@link BearerAuthenticator}: unknown (invalid) while the database is
   * not open, so the static tokens keep working during start-up.
   */
  public static BearerAuthenticator authenticator(Supplier<AuthServices> supplier) {
    return token -> {
      AuthServices s = supplier.get();
      if (s == null || token.chars().filter(c -> c == '.').count() != 2) {
        throw new io.perpetua.auth.AuthException(
            io.perpetua.auth.AuthException.Reason.INVALID_TOKEN, "Invalid bearer token");
      }
      Principal p = s.accounts().authenticate(token);
      return p;
    };
  }
}
