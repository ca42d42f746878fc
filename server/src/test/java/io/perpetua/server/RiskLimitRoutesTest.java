package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.InstrumentId;
import io.perpetua.server.v1.RiskLimitRoutes;
import io.perpetua.trading.risk.InMemoryRiskStore;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST|GET /api/v1/risk/limits}: with four-eyes the change is only filed (the limit in force
 * is unchanged), without it the change applies; bad input is a 400 naming the field and changes
 * nothing.
 */
class RiskLimitRoutesTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final long T0 = 1_772_495_940_000L;

  private final RiskEngine risk =
      RiskEngine.open(RiskConfig.defaults(), new InMemoryRiskStore(), () -> T0);
  private final List<RiskLimitRoutes.LimitBody> filed = new ArrayList<>();
  private TestServer api;

  @AfterEach
  void stop() {
    if (api != null) {
      api.server.stop();
    }
  }

  private TestServer.Response post(String body) {
    return api.send(
        "POST",
        "/api/v1/risk/limits",
        Map.of("Authorization", "Bearer " + TestServer.TOKEN, "Content-Type", "application/json"),
        body);
  }

  /** The routes with a four-eyes hook that records the filed change and answers {@code id}. */
  private TestServer withFourEyes(String id) {
    return TestServer.start(
        new RiskLimitRoutes(
            () -> risk,
            () -> Set.of(BTC),
            (r, change) -> {
              filed.add(change);
              return id;
            }));
  }

  @Test
  void withFourEyes_theChangeIsFiled_notApplied() {
    api = withFourEyes("apr_1");
    TestServer.Response r =
        post("{\"symbol\":\"BTCUSDT\",\"max_leverage\":2.5,\"reason\":\"desk\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.data().get("status").asText()).isEqualTo("pending_approval");
    assertThat(r.data().get("approval_request_id").asText()).isEqualTo("apr_1");
    assertThat(filed).hasSize(1);
    assertThat(filed.get(0).symbol()).isEqualTo("BTC/USDT:USDT");
    assertThat(filed.get(0).maxLeverage()).isEqualByComparingTo("2.5");
    assertThat(risk.symbolLimits()).isEmpty();
    assertThat(api.get("/api/v1/risk/limits").data().get("limits")).isEmpty();
  }

  @Test
  void withoutFourEyes_theChangeApplies_andIsListed() {
    api = TestServer.start(new RiskLimitRoutes(() -> risk, () -> Set.of(BTC), null));
    TestServer.Response r =
        post("{\"symbol\":\"BTCUSDT\",\"max_pos_value\":12345.5,\"reason\":\"desk\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.data().get("status").asText()).isEqualTo("applied");
    JsonNode limit = api.get("/api/v1/risk/limits").data().get("limits").get(0);
    assertThat(limit.get("symbol").asText()).isEqualTo("BTC/USDT:USDT");
    assertThat(limit.get("max_pos_value").decimalValue()).isEqualByComparingTo("12345.5");
    assertThat(limit.get("max_leverage").isNull()).isTrue();
    assertThat(risk.symbolLimits()).hasSize(1);
  }

  @Test
  void badInput_namesTheField_andChangesNothing() {
    api = TestServer.start(new RiskLimitRoutes(() -> risk, () -> Set.of(BTC), null));
    Map<String, String> cases =
        Map.of(
            "{\"max_leverage\":2,\"reason\":\"r\"}", "40002 symbol",
            "{\"symbol\":\"DOGEUSDT\",\"max_leverage\":2,\"reason\":\"r\"}", "40001 symbol",
            "{\"symbol\":\"BTCUSDT\",\"max_leverage\":2}", "40002 reason",
            "{\"symbol\":\"BTCUSDT\",\"reason\":\"r\"}", "40002 max_leverage",
            "{\"symbol\":\"BTCUSDT\",\"max_leverage\":0,\"reason\":\"r\"}", "40001 max_leverage",
            "{\"symbol\":\"BTCUSDT\",\"max_leverage\":1001,\"reason\":\"r\"}", "40001 max_leverage",
            "{\"symbol\":\"BTCUSDT\",\"max_pos_value\":-5,\"reason\":\"r\"}", "40001 max_pos_value",
            "{\"symbol\":\"BTCUSDT\",\"max_pos_value\":1.123456789,\"reason\":\"r\"}",
                "40001 max_pos_value",
            "{\"symbol\":\"BTCUSDT\",\"max_pos_value\":\"ten\",\"reason\":\"r\"}", "400xx");
    cases.forEach(
        (body, want) -> {
          TestServer.Response r = post(body);
          assertThat(r.status()).as(body + " " + r.body()).isEqualTo(400);
          if (!want.equals("400xx")) {
            String[] w = want.split(" ");
            assertThat(r.code()).as(body).isEqualTo(Integer.parseInt(w[0]));
            assertThat(r.message()).as(body).contains("'" + w[1] + "'");
          }
        });
    assertThat(risk.symbolLimits()).isEmpty();
  }

  @Test
  void remove_withFourEyes_isFiled_withoutIt_removes_andNoLimitIs40480() {
    api = TestServer.start(new RiskLimitRoutes(() -> risk, () -> Set.of(BTC), null));
    String remove = "{\"symbol\":\"BTCUSDT\",\"remove\":true,\"reason\":\"book deep again\"}";
    TestServer.Response none = post(remove);
    assertThat(none.status()).as(none.body()).isEqualTo(404);
    assertThat(none.code()).isEqualTo(40480);
    TestServer.Response both =
        post("{\"symbol\":\"BTCUSDT\",\"remove\":true,\"max_leverage\":2,\"reason\":\"r\"}");
    assertThat(both.status()).as(both.body()).isEqualTo(400);
    assertThat(both.code()).isEqualTo(40001);
    assertThat(both.message()).contains("'remove'");

    post("{\"symbol\":\"BTCUSDT\",\"max_pos_value\":5000,\"reason\":\"desk\"}");
    assertThat(risk.symbolLimits()).hasSize(1);
    api.server.stop();
    api = withFourEyes("apr_2");
    TestServer.Response pending = post(remove);
    assertThat(pending.status()).as(pending.body()).isEqualTo(200);
    assertThat(pending.data().get("status").asText()).isEqualTo("pending_approval");
    assertThat(pending.data().get("before").get("max_pos_value").decimalValue())
        .isEqualByComparingTo("5000");
    assertThat(filed).singleElement().matches(RiskLimitRoutes.LimitBody::removes);
    assertThat(risk.symbolLimits()).hasSize(1);

    api.server.stop();
    api = TestServer.start(new RiskLimitRoutes(() -> risk, () -> Set.of(BTC), null));
    TestServer.Response removed = post(remove);
    assertThat(removed.status()).as(removed.body()).isEqualTo(200);
    assertThat(removed.data().get("status").asText()).isEqualTo("applied");
    assertThat(removed.data().get("current").isNull()).isTrue();
    assertThat(risk.symbolLimits()).isEmpty();
    assertThat(api.get("/api/v1/risk/limits").data().get("limits")).isEmpty();
  }
}
