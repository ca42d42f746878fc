package io.perpetua.auth.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.auth.AuthException;
import io.perpetua.auth.AuthException.Reason;
import io.perpetua.auth.Principal;
import io.perpetua.auth.Role;
import io.perpetua.auth.audit.AuditEntry;
import io.perpetua.auth.audit.AuditQuery;
import io.perpetua.auth.audit.InMemoryAuditLog;
import io.perpetua.core.time.ManualClock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FourEyesTest {
  private static final Principal ALICE = new Principal("alice", Role.ADMIN, "jwt:1");
  private static final Principal BOB = new Principal("bob", Role.ADMIN, "jwt:2");
  private static final Principal TRADER = new Principal("tom", Role.TRADER, "jwt:3");

  private final AtomicReference<String> limit = new AtomicReference<>("{\"max_leverage\":3}");
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final FourEyes fourEyes =
      new FourEyes(new InMemoryApprovalStore(), audit, new ManualClock(1_000))
          .register(
              new ApprovalAction() {
                @Override
                public String name() {
                  return "risk.limits.update";
                }

                @Override
                public Role role() {
                  return Role.ADMIN;
                }

                @Override
                public String check(String payload) {
                  if (!payload.startsWith("{")) {
                    throw new IllegalArgumentException("Invalid field 'limits'");
                  }
                  return limit.get();
                }

                @Override
                public String execute(String payload, String approver) {
                  limit.set(payload);
                  return payload;
                }
              });

  @Test
  void requesterCannotApproveOwn_secondAdminCan_andBothAreRecorded() {
    ApprovalRequest r =
        fourEyes.request(ALICE, "risk.limits.update", "{\"max_leverage\":5}", "more room", "rq1");
    assertThat(r.status()).isEqualTo(ApprovalRequest.PENDING);
    assertThat(r.before()).isEqualTo("{\"max_leverage\":3}");
    assertReason(() -> fourEyes.approve(ALICE, r.id(), "me", "rq2"), Reason.FORBIDDEN);
    assertThat(limit.get()).isEqualTo("{\"max_leverage\":3}");
    assertReason(() -> fourEyes.approve(TRADER, r.id(), "ok", "rq3"), Reason.FORBIDDEN);
    ApprovalRequest done = fourEyes.approve(BOB, r.id(), "checked the book", "rq4");
    assertThat(done.status()).isEqualTo(ApprovalRequest.EXECUTED);
    assertThat(done.decider()).isEqualTo("bob");
    assertThat(limit.get()).isEqualTo("{\"max_leverage\":5}");
    assertThat(fourEyes.find(r.id()).requester()).isEqualTo("alice");
    assertReason(() -> fourEyes.approve(BOB, r.id(), "again", "rq5"), Reason.CONFLICT);
    List<AuditEntry> records =
        audit.query(new AuditQuery("approvals", r.id(), null, null, null, null, 0, 100));
    assertThat(records)
        .extracting(e -> e.event().actor() + " " + e.event().action() + " " + e.event().requestId())
        .containsExactly(
            "alice approval.request:risk.limits.update rq1",
            "bob approval.approve:risk.limits.update rq4");
    assertThat(audit.verify().ok()).isTrue();
  }

  @Test
  void rejection_and_badRequests() {
    ApprovalRequest r =
        fourEyes.request(ALICE, "risk.limits.update", "{\"max_leverage\":9}", "why not", null);
    ApprovalRequest rejected = fourEyes.reject(BOB, r.id(), "too much", null);
    assertThat(rejected.status()).isEqualTo(ApprovalRequest.REJECTED);
    assertThat(limit.get()).isEqualTo("{\"max_leverage\":3}");
    assertReason(() -> fourEyes.request(ALICE, "nope", "{}", "x", null), Reason.NOT_FOUND);
    assertReason(
        () -> fourEyes.request(TRADER, "risk.limits.update", "{}", "x", null), Reason.FORBIDDEN);
    assertReason(
        () -> fourEyes.request(ALICE, "risk.limits.update", "[]", "x", null), Reason.INVALID_INPUT);
    assertReason(
        () -> fourEyes.request(ALICE, "risk.limits.update", "{}", " ", null), Reason.INVALID_INPUT);
    assertReason(() -> fourEyes.approve(BOB, "apr_x", "x", null), Reason.NOT_FOUND);
  }

  private static void assertReason(Runnable action, Reason reason) {
    assertThatThrownBy(action::run)
        .isInstanceOf(AuthException.class)
        .extracting(e -> ((AuthException) e).reason())
        .isEqualTo(reason);
  }
}
