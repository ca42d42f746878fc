package io.perpetua.optimizer.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an optimisation run is asked to do, as the API receives it and the job stores it (issue 16,
 * spec 003 §11 {@code {strategy_id, trigger, windows, objective}} plus the search). Checked by
 * {@link OptimizationPlan#of}; this record only holds values. Immutable.
 *
 * @param strategyId configured strategy id, e.g. {@code baseline_rev}
 * @param trigger why the run was started: {@link #TRIGGERS}
 * @param windows walk-forward windows, {@code train=Nd,validate=Nd,step=Nd[,anchored]}
 * @param objective objective(s), as {@code --objective}
 * @param algorithm search algorithm name
 * @param space searched ranges, name → {@code lo:hi[:step]} or {@code a|b|c}; empty: the declared
 *     space on its default ranges
 * @param trials trials per fold
 * @param seed random seed
 * @param engine {@link #ENGINES}
 * @param refine Nelder–Mead trials after the search
 * @param symbols venue symbols (empty: all)
 * @param startDate first day (null: the data's first)
 * @param endDate last day, included (null: the data's last)
 * @param maxLeverage constraint, or null
 * @param minTrades constraint, or null
 * @param maxTurnover constraint, or null
 * @param maxDrawdown constraint, or null
 */
public record OptimizationRequest(
    String strategyId,
    String trigger,
    String windows,
    String objective,
    String algorithm,
    Map<String, String> space,
    int trials,
    long seed,
    String engine,
    int refine,
    List<String> symbols,
    LocalDate startDate,
    LocalDate endDate,
    Double maxLeverage,
    Integer minTrades,
    Double maxTurnover,
    Double maxDrawdown) {
  /** Accepted triggers (003 §5: on demand, on a schedule, on degradation or a regime change). */
  public static final Set<String> TRIGGERS =
      Set.of("manual", "schedule", "performance", "volatility", "correlation");

  /** Accepted engines. */
  public static final List<String> ENGINES = List.of("local", "spark");

  /** Defaults of the optional fields. */
  public static final String DEFAULT_WINDOWS = "train=180d,validate=30d,step=30d";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Copies; fills null optional text fields with their defaults. */
  public OptimizationRequest {
    trigger = trigger == null ? "manual" : trigger;
    windows = windows == null ? DEFAULT_WINDOWS : windows;
    objective = objective == null ? "calmar" : objective;
    algorithm = algorithm == null ? "tpe" : algorithm;
    engine = engine == null ? "local" : engine;
    space =
        space == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(space));
    symbols = symbols == null ? List.of() : List.copyOf(symbols);
  }

  /** The stored form (JSON text), read back by {@link #fromJson}. */
  public String toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("strategy_id", strategyId);
    n.put("trigger", trigger);
    n.put("windows", windows);
    n.put("objective", objective);
    n.put("algorithm", algorithm);
    ObjectNode s = n.putObject("space");
    space.forEach(s::put);
    n.put("trials", trials);
    n.put("seed", seed);
    n.put("engine", engine);
    n.put("refine", refine);
    symbols.forEach(n.putArray("symbols")::add);
    n.put("start_date", startDate == null ? null : startDate.toString());
    n.put("end_date", endDate == null ? null : endDate.toString());
    n.put("max_leverage", maxLeverage);
    n.put("min_trades", minTrades);
    n.put("max_turnover", maxTurnover);
    n.put("max_drawdown", maxDrawdown);
    return n.toString();
  }

  /** Reads {@link #toJson()}'s form. */
  public static OptimizationRequest fromJson(String text) {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> space = new LinkedHashMap<>();
    n.path("space").properties().forEach(e -> space.put(e.getKey(), e.getValue().asText()));
    List<String> symbols = new ArrayList<>();
    n.path("symbols").forEach(v -> symbols.add(v.asText()));
    return new OptimizationRequest(
        n.path("strategy_id").asText(),
        n.path("trigger").asText(),
        n.path("windows").asText(),
        n.path("objective").asText(),
        n.path("algorithm").asText(),
        space,
        n.path("trials").asInt(),
        n.path("seed").asLong(),
        n.path("engine").asText(),
        n.path("refine").asInt(),
        symbols,
        date(n.get("start_date")),
        date(n.get("end_date")),
        n.hasNonNull("max_leverage") ? n.get("max_leverage").asDouble() : null,
        n.hasNonNull("min_trades") ? n.get("min_trades").asInt() : null,
        n.hasNonNull("max_turnover") ? n.get("max_turnover").asDouble() : null,
        n.hasNonNull("max_drawdown") ? n.get("max_drawdown").asDouble() : null);
  }

  private static LocalDate date(JsonNode n) {
    return n == null || n.isNull() ? null : LocalDate.parse(n.asText());
  }
}
