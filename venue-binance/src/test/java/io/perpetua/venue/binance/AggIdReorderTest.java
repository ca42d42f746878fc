package io.perpetua.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The reorder window alone (no sockets): trades above open holes wait; a partly filled hole
 * releases up to what is still missing; two holes release in turn; the window's end releases the
 * rest in id order and what comes for the hole afterwards is late.
 */
class AggIdReorderTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private final List<Long> passed = new ArrayList<>();
  private final List<Long> late = new ArrayList<>();
  private final AggIdReorder reorder =
      new AggIdReorder(t -> passed.add(id(t)), t -> late.add(id(t)), 1_000);
  private final TreeMap<Long, Long> holes = new TreeMap<>();

  private static long id(FlowTick t) {
    return ((AggTrade) t).aggId();
  }

  private void streamed(long id, long nowMs) {
    reorder.onStreamed("BTCUSDT", id, new AggTrade(BTC, id, id, 100.0, 1.0, false), holes, nowMs);
  }

  private void filled(long id, long nowMs) {
    reorder.offer("BTCUSDT", id, new AggTrade(BTC, id, id, 100.0, 1.0, false), nowMs);
  }

  @Test
  void twoHoles_partlyFilled_releaseInIdOrder_onlyUpToWhatIsStillMissing() {
    streamed(1, 0);
    holes.put(2L, 3L);
    streamed(4, 0);
    holes.put(5L, 5L);
    streamed(6, 0);
    assertThat(passed).containsExactly(1L);
    assertThat(reorder.held()).isEqualTo(2);

    filled(2, 10); // the first hole partly: 3 still missing
    holes.remove(2L);
    holes.put(3L, 3L);
    reorder.release("BTCUSDT", holes);
    assertThat(passed).containsExactly(1L, 2L);

    filled(3, 20);
    holes.remove(3L);
    reorder.release("BTCUSDT", holes);
    assertThat(passed).containsExactly(1L, 2L, 3L, 4L); // 6 waits for the hole at 5

    filled(5, 30);
    holes.clear();
    reorder.release("BTCUSDT", holes);
    assertThat(passed).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(reorder.holds("BTCUSDT")).isFalse();
    assertThat(late).isEmpty();
  }

  @Test
  void theWindowOver_releasesTheHeldTrades_andTheHolesTradesComeLate() {
    streamed(1, 0);
    holes.put(2L, 3L);
    streamed(4, 100);
    streamed(5, 600);
    assertThat(reorder.expire(1_099)).isEmpty(); // held since 100: 999 ms
    assertThat(reorder.expire(1_100)).isEqualTo(Map.of("BTCUSDT", 2));
    assertThat(passed).containsExactly(1L, 4L, 5L);

    streamed(6, 1_200); // the hole is below what the sink has: not blocking any more
    assertThat(passed).containsExactly(1L, 4L, 5L, 6L);
    filled(2, 1_300);
    filled(3, 1_300);
    holes.clear();
    reorder.release("BTCUSDT", holes);
    assertThat(late).containsExactly(2L, 3L);
    assertThat(reorder.late()).isEqualTo(2);
    assertThat(passed).containsExactly(1L, 4L, 5L, 6L);
  }

  @Test
  void theWindowMustBePositive() {
    assertThatThrownBy(() -> new AggIdReorder(t -> {}, t -> {}, 0))
        .hasMessageContaining("reorder_window_ms");
  }
}
