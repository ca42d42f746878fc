package io.perpetua.jobs;

import io.perpetua.core.Echo;
import io.perpetua.core.Unicode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    int periodsPerYear)
    implements java.io.Serializable {
  /**
   * Copies collections.
   *
   * @throws IllegalArgumentException if a parameter has no value ({@link #checkParameters})
   */
  public BacktestRequest {
    parameters = Map.copyOf(checkParameters(parameters));
    symbols = List.copyOf(symbols);
  }

  /**
   * {@code parameters} itself, checked: every name and every value present (a JSON {@code null} is
   * not a parameter value: leave the parameter out to keep the strategy's default), and names and
   * text values well-formed Unicode.
   *
   * @throws IllegalArgumentException naming the first parameter without a value or with a lone
   *     surrogate
   */
  public static Map<String, Object> checkParameters(Map<String, Object> parameters) {
    Objects.requireNonNull(parameters, "parameters");
    for (Map.Entry<String, Object> e : parameters.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(
            "parameter '"
                + Echo.of(e.getKey())
                + "' has no value: give a number, string or boolean, or leave it out");
      }
      if (!Unicode.isWellFormed(e.getKey())
          || (e.getValue() instanceof String text && !Unicode.isWellFormed(text))) {
        throw new IllegalArgumentException(
            "parameter '"
                + Echo.of(e.getKey())
                + "' is not well-formed text (a lone surrogate): it cannot be stored as UTF-8");
      }
    }
    return parameters;
  }
}
