package io.perpetua.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.auth.AuthException;
import io.perpetua.auth.Principal;
import io.perpetua.auth.Role;
import io.perpetua.auth.approval.ApprovalRequest;
import io.perpetua.auth.approval.FourEyes;
import io.perpetua.auth.approval.InMemoryApprovalStore;
import io.perpetua.auth.audit.AuditEntry;
import io.perpetua.auth.audit.InMemoryAuditLog;
import io.perpetua.core.InstrumentId;
import io.perpetua.server.v1.RiskLimitRoutes.LimitBody;
import io.perpetua.trading.risk.InMemoryRiskStore;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskEngine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A per-symbol risk limit through four-eyes: the request changes nothing, the requester cannot
 * approve it, a second admin can; the limit then binds the risk engine, survives its reopening and
 * the audit log records the request and the decision with before/after.
 */
class RiskLimitActionTest {
  private static final long NOW = 1_772_495_700_000L;
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final Principal ALICE = new Principal("alice", Role.ADMIN, "user");
  private static final Principal BOB = new Principal("bob", Role.ADMIN, "user");
  private static final Principal TRADER = new Principal("tom", Role.TRADER, "user");

  private final InMemoryRiskStore store = new InMemoryRiskStore();
  private final RiskEngine risk = RiskEngine.open(RiskConfig.unlimited(), store, () -> NOW);
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final FourEyes fourEyes =
      new FourEyes(new InMemoryApprovalStore(), audit, () -> NOW)
          .register(new RiskLimitAction(() -> risk, () -> NOW));

  private String request() {
    LimitBody change = new LimitBody("BTC/USDT:USDT", new BigDecimal("2"), null, "thin book");
    return fourEyes
        .request(
            ALICE,
            RiskLimitAction.NAME,
            RiskLimitAction.payload(change, "alice"),
            "thin book",
            "req-1")
        .id();
  }

  @Test
  void requesterCannotApprove_secondAdminCan_thenTheLimitBinds_andIsAudited() {
    String id = request();
    assertThat(risk.symbolLimits()).isEmpty();
    assertThatThrownBy(() -> fourEyes.approve(ALICE, id, "mine", "req-2"))
        .isInstanceOf(AuthException.class)
        .hasMessageContaining("requester cannot approve");
    assertThatThrownBy(() -> fourEyes.approve(TRADER, id, "me", "req-3"))
        .isInstanceOf(AuthException.class);
    assertThat(risk.symbolLimits()).isEmpty();

    ApprovalRequest done = fourEyes.approve(BOB, id, "checked", "req-4");
    assertThat(done.status()).as(done.result()).isEqualTo(ApprovalRequest.EXECUTED);
    assertThat(risk.symbolLimits()).hasSize(1);
    var limit = risk.symbolLimits().get(0);
    assertThat(limit.symbol()).isEqualTo(BTC);
    assertThat(limit.maxLeverage().toBigDecimal()).isEqualByComparingTo("2");
    assertThat(limit.maxPositionValue()).isNull();
    assertThat(limit.operator()).isEqualTo("bob (requested by alice)");
    assertThat(RiskEngine.open(RiskConfig.unlimited(), store, () -> NOW).symbolLimits())
        .containsExactly(limit);

    List<AuditEntry> entries = new ArrayList<>();
    audit.scan(entries::add);
    AuditEntry approve =
        entries.stream()
            .filter(e -> e.event().action().equals("approval.approve:" + RiskLimitAction.NAME))
            .findFirst()
            .orElseThrow();
    assertThat(approve.event().actor()).isEqualTo("bob");
    assertThat(approve.event().before()).contains("\"limit\":null");
    assertThat(approve.event().after())
        .contains("\"before\":{\"limit\":null}")
        .contains("\"max_leverage\":\"2\"");
    assertThat(audit.verify().ok()).isTrue();
  }

  @Test
  void aBadPayload_isRefusedWhenRequested_namingTheField() {
    assertThatThrownBy(
            () ->
                fourEyes.request(
                    ALICE,
                    RiskLimitAction.NAME,
                    "{\"symbol\":\"BTCUSDT\",\"max_leverage\":\"-1\",\"reason\":\"x\","
                        + "\"requester\":\"alice\"}",
                    "x",
                    "req-9"))
        .hasMessageContaining("payload.max_leverage");
    assertThat(risk.symbolLimits()).isEmpty();
  }

  @Test
  void removingALimit_isFourEyesToo_andAuditedWithBeforeAndAfter() {
    fourEyes.approve(BOB, request(), "checked", "req-4");
    assertThat(risk.symbolLimits()).hasSize(1);
    LimitBody removal = new LimitBody("BTC/USDT:USDT", null, null, "book deep again", Boolean.TRUE);
    String id =
        fourEyes
            .request(
                ALICE,
                RiskLimitAction.NAME,
                RiskLimitAction.payload(removal, "alice"),
                "book deep again",
                "req-5")
            .id();
    assertThat(risk.symbolLimits()).hasSize(1);
    assertThatThrownBy(() -> fourEyes.approve(ALICE, id, "mine", "req-6"))
        .isInstanceOf(AuthException.class);
    assertThat(risk.symbolLimits()).hasSize(1);

    ApprovalRequest done = fourEyes.approve(BOB, id, "ok", "req-7");
    assertThat(done.status()).as(done.result()).isEqualTo(ApprovalRequest.EXECUTED);
    assertThat(risk.symbolLimits()).isEmpty();
    assertThat(RiskEngine.open(RiskConfig.unlimited(), store, () -> NOW).symbolLimits()).isEmpty();

    List<AuditEntry> entries = new ArrayList<>();
    audit.scan(entries::add);
    AuditEntry approve =
        entries.stream()
            .filter(e -> e.event().action().equals("approval.approve:" + RiskLimitAction.NAME))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(approve.event().before()).contains("\"max_leverage\":\"2\"");
    assertThat(approve.event().after())
        .contains("\"before\":{\"symbol\":\"BTC/USDT:USDT\",\"max_leverage\":\"2\"")
        .contains("\"after\":{\"limit\":null}");
    assertThat(audit.verify().ok()).isTrue();
  }
}
