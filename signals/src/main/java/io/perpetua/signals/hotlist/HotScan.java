package io.perpetua.signals.hotlist;

import java.util.List;

/**
 * One scan: its as-of timestamp, how many symbols were scored, the market's fear/greed reading and
 * the top N. Immutable.
 *
 * @param ts as-of timestamp (epoch ms)
 * @param createdAtMs when it was run (wall clock)
 * @param scored symbols with bars by {@code ts}
 * @param market the market sentiment over every scored symbol
 * @param coins the top N, by rank
 */
public record HotScan(
    long ts, long createdAtMs, int scored, FearGreed market, List<HotCoin> coins) {
  /** Copies. */
  public HotScan {
    coins = List.copyOf(coins);
  }

  /** This scan with {@code coin} replacing the row of the same symbol. */
  public HotScan with(HotCoin coin) {
    return new HotScan(
        ts,
        createdAtMs,
        scored,
        market,
        coins.stream().map(c -> c.symbol().equals(coin.symbol()) ? coin : c).toList());
  }
}
