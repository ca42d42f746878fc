package io.perpetua.server.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.perpetua.core.time.Times;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.server.http.ApiException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /v1/backtest/jobs}, and the {@code config} echoed in job responses (with
 * defaults filled in). The constructor checks the wire formats and names the offending field;
 * ranges and the strategy, parameter and symbol names are checked by the job service's validator.
 *
 * @param templateId strategy or template id
 * @param params parameter overrides
 * @param symbols venue symbols, e.g. {@code BTCUSDT}; 1..{@value #MAX_SYMBOLS}
 * @param timeframe bar timeframe, e.g. {@code 1h}
 * @param start first instant, ISO-8601
 * @param end end instant (exclusive), ISO-8601, after start
 * @param capital initial capital, positive decimal string
 * @param leverage maximum leverage, integer 1..125 (default 1)
 * @param feeModel {@code fixed_bps} (the only model; default)
 * @param feeBps fee per fill in basis points, decimal string 0..100 (default {@code "5"})
 */
record JobBody(
    @JsonProperty(required = true) String templateId,
    Map<String, Object> params,
    @JsonProperty(required = true) List<String> symbols,
    @JsonProperty(required = true) String timeframe,
    @JsonProperty(required = true) String start,
    @JsonProperty(required = true) String end,
    @JsonProperty(required = true) String capital,
    Integer leverage,
    String feeModel,
    String feeBps) {
  static final int MAX_SYMBOLS = 500;
  static final String FIXED_BPS = "fixed_bps";
  static final String DEFAULT_FEE_BPS = "5";
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,10})?");
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,30}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** Checks formats and fills defaults. */
  JobBody {
    require(templateId, "template_id");
    if (!ID.matcher(templateId).matches()) {
      throw ApiException.invalid("template_id", "a strategy or template id", templateId);
    }
    params = params == null ? Map.of() : BacktestRequest.checkParameters(params);
    if (symbols == null) {
      throw ApiException.missing("symbols");
    }
    if (symbols.isEmpty() || symbols.size() > MAX_SYMBOLS) {
      throw ApiException.invalid(
          "symbols", "1 to " + MAX_SYMBOLS + " symbols", String.valueOf(symbols.size()));
    }
    for (int i = 0; i < symbols.size(); i++) {
      String s = symbols.get(i);
      if (s == null || !SYMBOL.matcher(s).matches()) {
        throw ApiException.invalid(
            "symbols[" + i + "]", "a venue symbol such as BTCUSDT", String.valueOf(s));
      }
    }
    symbols = List.copyOf(symbols);
    require(timeframe, "timeframe");
    instant(start, "start");
    instant(end, "end");
    decimal(capital, "capital");
    if (new BigDecimal(capital).signum() <= 0) {
      throw ApiException.invalid("capital", "a positive decimal string", capital);
    }
    leverage = leverage == null ? 1 : leverage;
    feeModel = feeModel == null ? FIXED_BPS : feeModel;
    if (!FIXED_BPS.equals(feeModel)) {
      throw ApiException.invalid("fee_model", "one of [fixed_bps]", feeModel);
    }
    feeBps = feeBps == null ? DEFAULT_FEE_BPS : feeBps;
    decimal(feeBps, "fee_bps");
  }

  private static void require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ApiException.missing(field);
    }
  }

  private static Instant instant(String value, String field) {
    require(value, field);
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(field, "an ISO-8601 instant such as 2025-01-01T00:00:00Z", value);
    }
  }

  private static void decimal(String value, String field) {
    require(value, field);
    if (!DECIMAL.matcher(value).matches()) {
      throw ApiException.invalid(field, "a non-negative decimal string such as \"10.5\"", value);
    }
  }

  /** What the runner runs: time bars at the timeframe, maker and taker fee both {@code fee_bps}. */
  BacktestRequest toRequest(double slippageBps) {
    double fee = Double.parseDouble(feeBps);
    return new BacktestRequest(
        templateId,
        params,
        symbols,
        timeframe,
        "kline",
        Instant.parse(start),
        Instant.parse(end),
        Double.parseDouble(capital),
        leverage,
        fee,
        fee,
        slippageBps,
        0,
        null,
        365);
  }

  /** The config of a job submitted through another API: derived from its request. */
  static JobBody fromRequest(BacktestRequest r) {
    return new JobBody(
        r.strategy(),
        r.parameters(),
        r.symbols().isEmpty() ? List.of("ALL") : r.symbols(),
        r.timeframe(),
        Times.iso(r.start().toEpochMilli()),
        Times.iso(r.end().toEpochMilli()),
        DecimalText.fixed(r.capital(), 2),
        (int) Math.round(r.leverage()),
        FIXED_BPS,
        DecimalText.plain(r.feeBps(), 4));
  }
}
