package io.perpetua.venue.binance.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A resting reduce-only order never takes the position beyond flat when it executes, even when
 * other orders shrank the position after it was placed (Binance checks reduce-only again at
 * execution): it fills what is left to reduce, and expires when nothing is.
 */
class FakeReduceOnlyTest {
  private static Map<String, String> order(String cid, String side, String type, String qty) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", "BTCUSDT");
    p.put("side", side);
    p.put("type", type);
    p.put("quantity", qty);
    p.put("newClientOrderId", cid);
    return p;
  }

  private static BigDecimal position(FakeExchange x) {
    for (JsonNode p : x.positionRisk()) {
      if (p.get("symbol").asText().equals("BTCUSDT")) {
        return new BigDecimal(p.get("positionAmt").asText());
      }
    }
    return BigDecimal.ZERO;
  }

  private static String status(FakeExchange x, String cid) {
    return x.queryOrder(Map.of("symbol", "BTCUSDT", "origClientOrderId", cid))
        .get("status")
        .asText();
  }

  @Test
  void restingReduceOnly_fillsOnlyWhatIsLeftToReduce_thenExpires() {
    FakeExchange x =
        new FakeExchange(
            List.of(FakeListing.standard("BTCUSDT", new BigDecimal("50000.0"))),
            new BigDecimal("100000"),
            new FakeFaults(),
            System::currentTimeMillis);
    x.newOrder(order("long", "BUY", "MARKET", "1.000"));
    Map<String, String> tp = order("tp", "SELL", "LIMIT", "1.000");
    tp.put("price", "50500.0");
    tp.put("reduceOnly", "true");
    x.newOrder(tp);
    Map<String, String> tp2 = order("tp2", "SELL", "LIMIT", "0.200");
    tp2.put("price", "50600.0");
    tp2.put("reduceOnly", "true");
    x.newOrder(tp2);
    x.newOrder(order("other", "SELL", "MARKET", "0.600")); // another strategy's exit, not flagged

    x.trade("BTCUSDT", new BigDecimal("50500.0"), BigDecimal.ONE, false);
    assertThat(position(x)).isEqualByComparingTo("0");
    assertThat(status(x, "tp")).isEqualTo("PARTIALLY_FILLED");
    x.trade("BTCUSDT", new BigDecimal("50600.0"), BigDecimal.ONE, false);
    assertThat(status(x, "tp2")).as("nothing left to reduce").isEqualTo("EXPIRED");
    assertThat(position(x)).isEqualByComparingTo("0");
  }
}
