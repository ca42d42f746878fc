package io.perpetua.bench;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.time.Clock;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.SyntheticFlowSymbol;
import io.perpetua.market.tick.SyntheticTickGenerator;
import io.perpetua.signals.flow.FlowState;
import io.perpetua.signals.flow.SymbolFlowConfig;
import io.perpetua.venue.binance.BinanceConfig;
import io.perpetua.venue.binance.BinanceRestClient;
import io.perpetua.venue.binance.LiveFlowTicks;
import io.perpetua.venue.binance.MarketEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of the live order-flow mapping (issue 13 item 2): aggTrades/s from the stream's text
 * (combined-stream envelopes, as the socket hands them over) through {@link MarketEvent#parse},
 * {@link LiveFlowTicks} (agg-id dedupe, hole record, mapping to the flow tick) into the rolling
 * {@link FlowState} of BTCUSDT. No socket: the text is in memory, so this is the feed's own cost
 * per trade, the upper bound of what one stream thread sustains. Prints each run and the median.
 *
 * <p>{@code java -cp "bench/target/perpetua-bench.jar:bench/target/lib/*"
 * io.perpetua.bench.LiveFlowThroughput [hours=2] [runs=5]}
 */
public final class LiveFlowThroughput {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final long START = 1_700_000_000_000L;

  private LiveFlowThroughput() {}

  /** Runs the measurement. */
  public static void main(String[] args) {
    long hours = args.length > 0 ? Long.parseLong(args[0]) : 2;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<String> messages = new ArrayList<>();
    long id = 1;
    for (FlowTick t :
        new SyntheticTickGenerator(7, START, List.of(SyntheticFlowSymbol.preset("BTCUSDT", 60_000)))
            .generate(hours * 3_600_000L)) {
      if (t instanceof AggTrade a) {
        messages.add(envelope(id++, a));
      }
    }
    System.out.printf(
        Locale.ROOT, "%d h synthetic BTCUSDT: %d aggTrade messages%n", hours, messages.size());
    double[] rates = new double[runs];
    for (int r = 0; r < runs; r++) {
      rates[r] = messages.size() / run(messages);
      System.out.printf(Locale.ROOT, "run %d: %,.0f aggTrades/s%n", r + 1, rates[r]);
    }
    Arrays.sort(rates);
    System.out.printf(Locale.ROOT, "median: %,.0f aggTrades/s%n", rates[runs / 2]);
  }

  private static String envelope(long id, AggTrade a) {
    return String.format(
        Locale.ROOT,
        "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":%d,\"a\":%d,"
            + "\"s\":\"BTCUSDT\",\"p\":\"%.1f\",\"q\":\"%.3f\",\"f\":%d,\"l\":%d,\"T\":%d,"
            + "\"m\":%b}}",
        a.timeMs(),
        id,
        a.price(),
        Math.max(0.001, a.quantity()),
        id * 3,
        id * 3 + 2,
        a.timeMs(),
        a.buyerMaker());
  }

  /** One pass; returns the seconds it took. */
  private static double run(List<String> messages) {
    FlowState state = new FlowState(SymbolFlowConfig.defaults(BTC));
    BinanceRestClient offline =
        new BinanceRestClient(
            BinanceConfig.of("http://127.0.0.1:9", "ws://127.0.0.1:9"), null, Clock.system());
    try (LiveFlowTicks ticks =
        new LiveFlowTicks(
            offline,
            List.of("BTCUSDT"),
            state::onTick,
            (s, silent) -> {},
            System::currentTimeMillis,
            30_000)) {
      long t0 = System.nanoTime();
      for (String m : messages) {
        MarketEvent e = MarketEvent.parse(m).orElseThrow();
        ticks.onTrade(((MarketEvent.Trade) e).trade());
      }
      double s = (System.nanoTime() - t0) / 1e9;
      if (ticks.delivered() != messages.size() || state.tradeCount() != messages.size()) {
        throw new IllegalStateException("trades lost: " + ticks.delivered());
      }
      return s;
    }
  }
}
