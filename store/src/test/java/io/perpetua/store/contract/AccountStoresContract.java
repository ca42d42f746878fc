package io.perpetua.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.auth.AuthException;
import io.perpetua.auth.Principal;
import io.perpetua.auth.Role;
import io.perpetua.auth.account.AccountAdmin;
import io.perpetua.auth.account.AccountPolicy;
import io.perpetua.auth.account.Accounts;
import io.perpetua.auth.account.InviteCode;
import io.perpetua.auth.account.InviteStore;
import io.perpetua.auth.account.PasswordHasher;
import io.perpetua.auth.account.UserStore;
import io.perpetua.auth.approval.ApprovalRequest;
import io.perpetua.auth.approval.ApprovalStore;
import io.perpetua.auth.token.JwtCodec;
import io.perpetua.auth.token.RefreshTokenStore;
import io.perpetua.auth.token.TokenPair;
import io.perpetua.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The account, invite, refresh-token and approval stores behind the real services. */
public abstract class AccountStoresContract {
  private static final String PASSWORD = "correct horse battery";

  /** The stores of a fresh database. */
  public record Stores(
      UserStore users, InviteStore invites, RefreshTokenStore tokens, ApprovalStore approvals) {}

  /** Fresh stores. */
  protected abstract Stores openFresh() throws Exception;

  /** The same database reopened (a restart). */
  protected abstract Stores reopen();

  /** Closes everything. */
  protected abstract void closeStore();

  @AfterEach
  void close() {
    closeStore();
  }

  private static Accounts accounts(Stores s, ManualClock clock) {
    return new Accounts(
        s.users(),
        s.invites(),
        s.tokens(),
        new PasswordHasher(64, 1, 1),
        new JwtCodec(new byte[32]),
        clock,
        AccountPolicy.DEFAULT);
  }

  @Test
  void registration_login_refreshReuse_andLock_surviveARestart() throws Exception {
    ManualClock clock = new ManualClock(1_700_000_000_000L);
    Stores s = openFresh();
    Accounts accounts = accounts(s, clock);
    AccountAdmin admin = new AccountAdmin(s.users(), s.invites(), s.tokens(), clock);
    accounts.create("root", PASSWORD, Role.ADMIN);
    InviteCode invite = admin.createInvite("root", Role.TRADER, 1, Duration.ofHours(1));
    accounts.register(invite.code(), "alice", PASSWORD);
    assertThatThrownBy(() -> accounts.register(invite.code(), "bob", PASSWORD))
        .isInstanceOf(AuthException.class);
    assertThat(s.invites().find(invite.code()).orElseThrow().usedCount()).isEqualTo(1);
    TokenPair first = accounts.login("alice", PASSWORD, null);
    TokenPair second = accounts.refresh(first.refreshToken());
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> accounts.login("root", "wrong password!", null))
          .isInstanceOf(AuthException.class);
    }
    Stores after = reopen();
    Accounts restarted = accounts(after, clock);
    assertThat(restarted.authenticate(second.accessToken()))
        .isEqualTo(
            new Principal(
                "alice", Role.TRADER, restarted.authenticate(second.accessToken()).credential()));
    assertThatThrownBy(() -> restarted.refresh(first.refreshToken()))
        .extracting(e -> ((AuthException) e).reason())
        .isEqualTo(AuthException.Reason.REFRESH_REUSED);
    assertThatThrownBy(() -> restarted.authenticate(second.accessToken()))
        .isInstanceOf(AuthException.class);
    assertThatThrownBy(() -> restarted.login("root", PASSWORD, null))
        .extracting(e -> ((AuthException) e).reason())
        .isEqualTo(AuthException.Reason.LOCKED);
    assertThat(after.users().list()).extracting(u -> u.username()).containsExactly("alice", "root");
  }

  @Test
  void approvals_decideOnce() throws Exception {
    Stores s = openFresh();
    Instant t = Instant.ofEpochMilli(1_000);
    ApprovalRequest r =
        new ApprovalRequest(
            "apr_" + "0".repeat(24),
            "system.resume",
            "{}",
            "{\"active\":true}",
            "alice",
            "why",
            ApprovalRequest.PENDING,
            null,
            null,
            null,
            t,
            null);
    s.approvals().insert(r);
    ApprovalRequest done = r.decided(ApprovalRequest.EXECUTED, "bob", "ok", "{}", t);
    assertThat(s.approvals().decide(done, ApprovalRequest.PENDING)).isTrue();
    assertThat(s.approvals().decide(done, ApprovalRequest.PENDING)).isFalse();
    Stores after = reopen();
    assertThat(after.approvals().find(r.id())).contains(done);
    assertThat(after.approvals().list(ApprovalRequest.PENDING, 10)).isEmpty();
    assertThat(after.approvals().list(null, 10)).containsExactly(done);
  }
}
