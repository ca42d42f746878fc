package io.perpetua.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.auth.AuthException;
import io.perpetua.auth.AuthException.Reason;
import io.perpetua.auth.Principal;
import io.perpetua.auth.Role;
import io.perpetua.auth.token.InMemoryRefreshTokenStore;
import io.perpetua.auth.token.JwtCodec;
import io.perpetua.auth.token.TokenPair;
import io.perpetua.core.time.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountsTest {
  static final PasswordHasher FAST = new PasswordHasher(64, 1, 1);
  static final String PASSWORD = "correct horse battery";
  private static final long T0 = 1_700_000_000_000L;

  private ManualClock clock;
  private InMemoryRefreshTokenStore refreshTokens;
  private Accounts accounts;
  private AccountAdmin admin;

  @BeforeEach
  void setUp() {
    clock = new ManualClock(T0);
    InMemoryUserStore users = new InMemoryUserStore();
    InMemoryInviteStore invites = new InMemoryInviteStore();
    refreshTokens = new InMemoryRefreshTokenStore();
    accounts =
        new Accounts(
            users,
            invites,
            refreshTokens,
            FAST,
            new JwtCodec(new byte[32]),
            clock,
            AccountPolicy.DEFAULT);
    admin = new AccountAdmin(users, invites, refreshTokens, clock);
    accounts.create("root", PASSWORD, Role.ADMIN);
  }

  @Test
  void register_needsAnActiveInvite_andTakesItsRole() {
    InviteCode invite = admin.createInvite("root", Role.TRADER, 1, Duration.ofHours(1));
    assertThat(accounts.register(invite.code(), "alice", PASSWORD).role()).isEqualTo(Role.TRADER);
    assertThatThrownBy(() -> accounts.register(invite.code(), "bob", PASSWORD))
        .extracting(e -> ((AuthException) e).reason())
        .isEqualTo(Reason.INVALID_INVITE);
    InviteCode expiring = admin.createInvite("root", Role.VIEWER, 5, Duration.ofHours(1));
    clock.set(T0 + Duration.ofHours(2).toMillis());
    assertThatThrownBy(() -> accounts.register(expiring.code(), "carol", PASSWORD))
        .extracting(e -> ((AuthException) e).reason())
        .isEqualTo(Reason.INVALID_INVITE);
    InviteCode disabled = admin.createInvite("root", Role.VIEWER, 5, Duration.ofHours(1));
    admin.disableInvite(disabled.code());
    assertThatThrownBy(() -> accounts.register(disabled.code(), "dave", PASSWORD))
        .extracting(e -> ((AuthException) e).reason())
        .isEqualTo(Reason.INVALID_INVITE);
    assertThatThrownBy(() -> accounts.register(null, "erin", PASSWORD))
        .extracting(e -> ((AuthException) e).reason())
        .isEqualTo(Reason.INVALID_INVITE);
  }

  @Test
  void login_thenAuthenticate_givesTheRole() {
    TokenPair pair = accounts.login("root", PASSWORD, null);
    Principal p = accounts.authenticate(pair.accessToken());
    assertThat(p.subject()).isEqualTo("root");
    assertThat(p.role()).isEqualTo(Role.ADMIN);
    assertThat(pair.accessExpiresAt().toEpochMilli() - T0)
        .isEqualTo(Duration.ofHours(24).toMillis());
    assertThat(pair.refreshExpiresAt().toEpochMilli() - T0)
        .isEqualTo(Duration.ofDays(7).toMillis());
    clock.set(T0 + Duration.ofHours(24).toMillis());
    assertThatThrownBy(() -> accounts.authenticate(pair.accessToken()))
        .extracting(e -> ((AuthException) e).reason())
        .isEqualTo(Reason.EXPIRED_TOKEN);
  }

  @Test
  void refreshTokenReuse_revokesTheWholeFamily() {
    TokenPair first = accounts.login("root", PASSWORD, null);
    TokenPair second = accounts.refresh(first.refreshToken());
    TokenPair third = accounts.refresh(second.refreshToken());
    assertThat(accounts.authenticate(third.accessToken()).subject()).isEqualTo("root");
    // An attacker replays the first (already rotated) refresh token.
    assertThatThrownBy(() -> accounts.refresh(first.refreshToken()))
        .extracting(e -> ((AuthException) e).reason())
        .isEqualTo(Reason.REFRESH_REUSED);
    // Every token of the family is dead now: the newest refresh token and the access tokens.
    assertThatThrownBy(() -> accounts.refresh(third.refreshToken()))
        .isInstanceOf(AuthException.class);
    assertThatThrownBy(() -> accounts.authenticate(third.accessToken()))
        .extracting(e -> ((AuthException) e).reason())
        .isEqualTo(Reason.INVALID_TOKEN);
    // Another login (another family) is unaffected.
    TokenPair other = accounts.login("root", PASSWORD, null);
    assertThat(accounts.refresh(other.refreshToken()).accessToken()).isNotBlank();
  }

  @Test
  void fiveFailures_lockFor15Minutes_evenForTheRightPassword() {
    for (int i = 0; i < 4; i++) {
      assertReason(() -> accounts.login("root", "wrong password!!", null), Reason.BAD_CREDENTIALS);
    }
    assertThat(accounts.login("root", PASSWORD, null)).isNotNull(); // success resets the count
    for (int i = 0; i < 5; i++) {
      assertReason(() -> accounts.login("root", "wrong password!!", null), Reason.BAD_CREDENTIALS);
    }
    assertReason(() -> accounts.login("root", PASSWORD, null), Reason.LOCKED);
    clock.set(T0 + Duration.ofMinutes(15).toMillis() - 1);
    assertReason(() -> accounts.login("root", PASSWORD, null), Reason.LOCKED);
    clock.set(T0 + Duration.ofMinutes(15).toMillis());
    assertThat(accounts.login("root", PASSWORD, null)).isNotNull();
  }

  @Test
  void unknownUser_getsTheSameAnswerAsAWrongPassword() {
    assertReason(() -> accounts.login("nobody", PASSWORD, null), Reason.BAD_CREDENTIALS);
    assertReason(() -> accounts.login("Not Valid!", PASSWORD, null), Reason.BAD_CREDENTIALS);
  }

  @Test
  void totp_onceEnabled_isRequired_andRecoveryCodesWorkOnce() {
    TotpEnrollment enrollment = new TotpEnrollment(accounts.users(), clock);
    TotpEnrollment.Setup setup = enrollment.begin("root");
    assertThat(setup.otpauthUri()).startsWith("otpauth://totp/Perpetua%3Aroot?secret=");
    long now = T0 / 1000;
    String code = Totp.STANDARD.code(Base32.decode(setup.secret()), now);
    List<String> recovery = enrollment.confirm("root", code);
    assertThat(recovery).hasSize(10);
    assertReason(() -> accounts.login("root", PASSWORD, null), Reason.TOTP_REQUIRED);
    assertReason(() -> accounts.login("root", PASSWORD, "000000"), Reason.TOTP_REQUIRED);
    assertThat(accounts.login("root", PASSWORD, code)).isNotNull();
    assertThat(accounts.login("root", PASSWORD, recovery.get(0))).isNotNull();
    assertReason(() -> accounts.login("root", PASSWORD, recovery.get(0)), Reason.TOTP_REQUIRED);
  }

  @Test
  void ban_refusesLoginAndExistingTokens() {
    InviteCode invite = admin.createInvite("root", Role.TRADER, 1, Duration.ofHours(1));
    accounts.register(invite.code(), "mallory", PASSWORD);
    TokenPair pair = accounts.login("mallory", PASSWORD, null);
    admin.setBanned("root", "mallory", true);
    assertReason(() -> accounts.authenticate(pair.accessToken()), Reason.INVALID_TOKEN);
    assertThatThrownBy(() -> accounts.refresh(pair.refreshToken()))
        .isInstanceOf(AuthException.class);
    assertReason(() -> accounts.login("mallory", PASSWORD, null), Reason.BANNED);
    assertReason(() -> admin.setBanned("root", "root", true), Reason.FORBIDDEN);
  }

  private static void assertReason(Runnable action, Reason reason) {
    assertThatThrownBy(action::run)
        .isInstanceOf(AuthException.class)
        .extracting(e -> ((AuthException) e).reason())
        .isEqualTo(reason);
  }
}
