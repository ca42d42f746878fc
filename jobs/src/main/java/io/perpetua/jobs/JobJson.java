package io.perpetua.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The storage form of job data as JSON text: requests, metrics, run activity, equity curves and
 * trades. Internal to the stores (not an API format): field names are the Java ones, instants are
 * epoch milliseconds, and non-finite numbers ({@code NaN}, infinities, e.g. a profit factor without
 * losses) survive the round trip. Stateless and thread-safe.
 */
public final class JobJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
  private static final TypeReference<List<TradeRecord>> TRADES = new TypeReference<>() {};

  /** {@link BacktestRequest} with epoch-millisecond instants. */
  private record StoredRequest(
      String strategy,
      Map<String, Object> parameters,
      List<String> symbols,
      String timeframe,
      String dataSource,
      long startMs,
      long endMs,
      double capital,
      double leverage,
      double feeBps,
      double makerFeeBps,
      double slippageBps,
      double impactLambda,
      Integer rebalanceDays,
      int periodsPerYear) {}

  private JobJson() {}

  /** A request as JSON. */
  public static String writeRequest(BacktestRequest r) {
    return write(
        new StoredRequest(
            r.strategy(),
            r.parameters(),
            r.symbols(),
            r.timeframe(),
            r.dataSource(),
            r.start().toEpochMilli(),
            r.end().toEpochMilli(),
            r.capital(),
            r.leverage(),
            r.feeBps(),
            r.makerFeeBps(),
            r.slippageBps(),
            r.impactLambda(),
            r.rebalanceDays(),
            r.periodsPerYear()));
  }

  /** The request written by {@link #writeRequest}. */
  public static BacktestRequest readRequest(String json) {
    StoredRequest s = read(json, StoredRequest.class);
    return new BacktestRequest(
        s.strategy(),
        s.parameters() == null ? Map.of() : s.parameters(),
        s.symbols() == null ? List.of() : s.symbols(),
        s.timeframe(),
        s.dataSource(),
        Instant.ofEpochMilli(s.startMs()),
        Instant.ofEpochMilli(s.endMs()),
        s.capital(),
        s.leverage(),
        s.feeBps(),
        s.makerFeeBps(),
        s.slippageBps(),
        s.impactLambda(),
        s.rebalanceDays(),
        s.periodsPerYear());
  }

  /** Metrics as JSON. */
  public static String writeMetrics(Metrics m) {
    return write(m);
  }

  /** The metrics written by {@link #writeMetrics}. */
  public static Metrics readMetrics(String json) {
    return read(json, Metrics.class);
  }

  /** A run's activity as JSON. */
  public static String writeActivity(RunActivity activity) {
    return write(activity);
  }

  /** The activity written by {@link #writeActivity}. */
  public static RunActivity readActivity(String json) {
    return read(json, RunActivity.class);
  }

  /** An equity curve as JSON. */
  public static String writeEquity(EquityCurve curve) {
    return write(curve);
  }

  /** The curve written by {@link #writeEquity}. */
  public static EquityCurve readEquity(String json) {
    return read(json, EquityCurve.class);
  }

  /** Trades as JSON. */
  public static String writeTrades(List<TradeRecord> trades) {
    return write(trades);
  }

  /** The trades written by {@link #writeTrades}. */
  public static List<TradeRecord> readTrades(String json) {
    try {
      return List.copyOf(MAPPER.readValue(json, TRADES));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored trades are not valid JSON: " + e.getMessage(), e);
    }
  }

  private static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "stored " + type.getSimpleName() + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
