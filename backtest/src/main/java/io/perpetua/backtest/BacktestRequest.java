package io.perpetua.backtest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What to backtest: a strategy (a configured strategy such as {@code baseline_rev}, or a template
 * such as {@code tpl_grid}) with parameter overrides, over a universe and a time range, with a cost
 * model. Validated at the API boundary; the engine re-checks ranges and data availability.
 *
 * @param strategy strategy or template id
 * @param parameters parameter overrides (e.g. {@code long_n}, {@code grid_levels})
 * @param symbols venue symbols; empty = every symbol the data has
 * @param timeframe bar timeframe code, e.g. {@code 1h}
 * @param dataSource {@code kline} (time bars) or {@code dollar_bar}
 * @param start first instant (inclusive)
 * @param end last instant (exclusive)
 * @param capital initial capital, USDT
 * @param leverage maximum gross leverage
 * @param feeBps taker fee in basis points (maker fees use {@code makerFeeBps})
 * @param makerFeeBps maker fee in basis points
 * @param slippageBps fixed slippage in basis points
 * @param impactLambda square-root impact coefficient λ (0 = off): extra cost {@code λ·√notional}
 *     bps
 * @param rebalanceDays rebalance period override, or null for the strategy's own
 * @param periodsPerYear annualisation of daily metrics (365 for crypto)
 */
public record BacktestRequest(
    String strategy,
    Map<String, Object> parameters,
    List<String> symbols,
    String timeframe,
    String dataSource,
    Instant start,
    Instant end,
    double capital,
    double leverage,
    double feeBps,
    double makerFeeBps,
    double slippageBps,
    double impactLambda,
    Integer rebalanceDays,
    int periodsPerYear) {
  /** Copies collections. */
  public BacktestRequest {
    parameters = Map.copyOf(parameters);
    symbols = List.copyOf(symbols);
  }
}
