package io.perpetua.signals.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.InstrumentId;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The learning loop re-scores recorded evaluations from their raw layer points: {@link
 * FactoryWeights#score} must give exactly the scorer's score for the weights it was scored with.
 */
class FactoryWeightsRescoreTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");

  @Test
  void rescoringTheRecordedLayerPointsReproducesTheScorersScore() {
    Random r = new Random(11);
    GateSettings gates =
        GateSettings.defaultsFor(BTC)
            .withObi(false, 0.3)
            .withWhale(false, 1e6, 1)
            .withSpotPerp(false, 0.003)
            .withVolFloor(false, 0.0001);
    int checked = 0;
    for (int i = 0; i < 2_000; i++) {
      double sign = r.nextBoolean() ? 1 : -1;
      FlowInputs in =
          FlowInputs.builder()
              .price(100)
              .atr(0.5 + r.nextDouble())
              .cvdFast(sign * (1 + r.nextInt(5)))
              .cvdSlow(sign * (1 + r.nextInt(5)))
              .cvdAcceleration(r.nextGaussian())
              .largeBuyQty(r.nextInt(3) == 0 ? 5 : 0)
              .largeSellQty(r.nextInt(3) == 0 ? 5 : 0)
              .longShortRatio(0.3 + 2 * r.nextDouble())
              .topTraderLongShare(0.4 + 0.2 * r.nextDouble())
              .oiChange(0.06 * r.nextDouble() - 0.02)
              .premium(0.002 * r.nextGaussian())
              .build();
      FactoryWeights w =
          new FactoryWeights(10 + r.nextInt(60), 5 + r.nextInt(30), r.nextInt(20), r.nextInt(15));
      Map<String, Double> f = new HashMap<>();
      FlowScore s = GatedScoring.score(in, gates, w, f);
      if (!s.gatePassed()) {
        continue;
      }
      double direction =
          f.get("direction.resonance") + f.get("direction.p99") + f.get("direction.acceleration");
      double crowding = f.get("crowding.long_short") + f.get("crowding.top_traders");
      assertThat(w.score(direction, crowding, f.get("environment.oi"), f.get("auxiliary.premium")))
          .isEqualTo(s.score());
      checked++;
    }
    assertThat(checked).isGreaterThan(1_000);
  }
}
