package io.perpetua.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.app.TestCarries;
import io.perpetua.auth.AuthException;
import io.perpetua.auth.Principal;
import io.perpetua.auth.Role;
import io.perpetua.auth.approval.ApprovalRequest;
import io.perpetua.auth.approval.FourEyes;
import io.perpetua.auth.approval.InMemoryApprovalStore;
import io.perpetua.auth.audit.InMemoryAuditLog;
import io.perpetua.trading.carry.CarryInstance;
import io.perpetua.trading.carry.CarryState;
import io.perpetua.trading.carry.InMemoryCarryStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Resetting a halted carry through four-eyes: the request changes nothing, the requester cannot
 * approve it, nor can a trader; a second admin can, and the carry is IDLE with the approval named
 * in its events. A carry that is not halted cannot be requested.
 */
class CarryResetActionTest {
  private static final Principal ALICE = new Principal("alice", Role.ADMIN, "user");
  private static final Principal BOB = new Principal("bob", Role.ADMIN, "user");
  private static final Principal TRADER = new Principal("tom", Role.TRADER, "user");

  private volatile boolean down;
  private final InMemoryCarryStore store = new InMemoryCarryStore();
  private final CarryInstance carry = TestCarries.dryRun("btc", () -> down, store);
  private final FourEyes fourEyes =
      new FourEyes(new InMemoryApprovalStore(), new InMemoryAuditLog(), () -> 1_000L)
          .register(new CarryResetAction(() -> List.of(carry)));

  @AfterEach
  void stop() {
    carry.close();
  }

  private void awaitState(CarryState s) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (carry.status().state() != s) {
      assertThat(System.currentTimeMillis()).as(s.code()).isLessThan(deadline);
      Thread.sleep(20); // polling with a deadline
    }
  }

  private String request() {
    return fourEyes
        .request(
            ALICE,
            CarryResetAction.NAME,
            CarryResetAction.payload("btc", "alice"),
            "venue back",
            "req-1")
        .id();
  }

  @Test
  void halted_requesterCannotApprove_secondAdminCan_thenIdle() throws Exception {
    down = true;
    awaitState(CarryState.HALTED);
    down = false;
    String id = request();
    assertThat(carry.status().state()).isEqualTo(CarryState.HALTED);
    assertThatThrownBy(() -> fourEyes.approve(ALICE, id, "mine", "req-2"))
        .isInstanceOf(AuthException.class)
        .hasMessageContaining("requester cannot approve");
    assertThatThrownBy(() -> fourEyes.approve(TRADER, id, "me", "req-3"))
        .isInstanceOf(AuthException.class);
    assertThat(carry.status().state()).isEqualTo(CarryState.HALTED);

    ApprovalRequest done = fourEyes.approve(BOB, id, "checked", "req-4");
    assertThat(done.status()).as(done.result()).isEqualTo(ApprovalRequest.EXECUTED);
    assertThat(done.result()).contains("\"state\":\"idle\"");
    assertThat(carry.status().state()).isEqualTo(CarryState.IDLE);
    assertThat(store.events("btc", 100))
        .anySatisfy(e -> assertThat(e.message()).contains("by bob (requested by alice)"));
  }

  @Test
  void notHalted_isRefusedWhenRequested_andAnUnknownCarryToo() {
    assertThatThrownBy(this::request)
        .isInstanceOf(AuthException.class)
        .hasMessageContaining("not halted");
    assertThatThrownBy(
            () ->
                fourEyes.request(
                    ALICE,
                    CarryResetAction.NAME,
                    CarryResetAction.payload("eth", "alice"),
                    "x",
                    "req-9"))
        .hasMessageContaining("No carry instance eth");
    assertThat(carry.status().state()).isEqualTo(CarryState.IDLE);
  }
}
