package io.perpetua.server.v1.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.v1.Symbols;
import io.perpetua.signals.flow.FieldError;
import io.perpetua.signals.flow.FlowValidationException;
import io.perpetua.trading.flow.FactoryStrategyRow;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Shared parameters, error translation and helpers of the order-flow routes. */
final class FlowSupport {
  static final String TAG = "Order flow";
  static final Param<String> STRATEGY_ID_PATH =
      Param.string("strategy_id", "[A-Za-z0-9_.:\\-]+", 64)
          .inPath()
          .description("Strategy id, e.g. factory-1.");
  static final Param<String> STRATEGY_ID =
      Param.string("strategy_id", "[A-Za-z0-9_.:\\-]+", 64)
          .description("Only this strategy (e.g. factory-1).");
  static final Param<String> SYMBOL =
      Symbols.param("Only this symbol (BTCUSDT, or BTC/USDT:USDT).");

  private FlowSupport() {}

  /** The service, or 503 (50301) while the platform is starting. */
  static FlowService ready(Supplier<FlowService> supplier) {
    FlowService s = supplier.get();
    if (s == null) {
      throw new ServiceUnavailableException("order-flow engine not started yet", null);
    }
    return s;
  }

  /** Loads an example shipped under {@code io/perpetua/server/v1/examples/}. */
  static String example(String name) {
    try (InputStream in =
        FlowSupport.class.getResourceAsStream("/io/perpetua/server/v1/examples/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing example resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A strategy id parameter that must name an existing strategy (else 40401). */
  static FactoryStrategyRow row(FlowService service, String id) {
    return service
        .strategy(StrategyId.of(id))
        .orElseThrow(() -> ApiException.notFound("No order-flow strategy '" + id + "'"));
  }

  /** The optional strategy filter; unknown ids are 40001 (a filter, not a resource). */
  static StrategyId strategyFilter(FlowService service, ApiRequest request) {
    Optional<String> id = request.param(STRATEGY_ID);
    if (id.isEmpty()) {
      return null;
    }
    if (service.strategy(StrategyId.of(id.get())).isEmpty()) {
      throw ApiException.invalid("strategy_id", "an existing strategy id", id.get());
    }
    return StrategyId.of(id.get());
  }

  /** The optional symbol filter; symbols the platform does not trade are 40001. */
  static InstrumentId symbolFilter(FlowService service, ApiRequest request) {
    Optional<String> s = request.param(SYMBOL);
    return s.isEmpty() ? null : symbol(service, s.get(), "symbol");
  }

  static InstrumentId symbol(FlowService service, String symbol, String field) {
    return Symbols.known(
        field, symbol, service.instruments(), "a symbol the order-flow engine trades");
  }

  /**
   * Runs a command, translating the domain's failures: field validation → 40001 naming every field,
   * unknown strategy → 40401, impossible transition → 40005 (409).
   */
  static <T> T command(Supplier<T> action) {
    try {
      return action.get();
    } catch (FlowValidationException e) {
      throw new ApiException(
          ApiError.INVALID_PARAMETER,
          "Invalid parameter "
              + e.errors().stream().map(FlowSupport::describe).collect(Collectors.joining("; ")));
    } catch (IllegalStateException e) {
      throw new ApiException(ApiError.CONFLICT, e.getMessage());
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("unknown strategy")) {
        throw ApiException.notFound("No order-flow strategy: " + e.getMessage());
      }
      throw e;
    }
  }

  private static String describe(FieldError e) {
    return "'" + e.field() + "': " + e.message();
  }

  /** The finite components of a record of doubles as a snake_case map (NaN = missing, omitted). */
  static Map<String, Double> finiteComponents(Record record) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      if (c.getType() != double.class) {
        continue;
      }
      try {
        double v = (double) c.getAccessor().invoke(record);
        if (Double.isFinite(v)) {
          out.put(snake(c.getName()), v);
        }
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** Finite values only. */
  static Map<String, Double> finite(Map<String, Double> values) {
    Map<String, Double> out = new LinkedHashMap<>();
    values.entrySet().stream()
        .filter(e -> e.getValue() != null && Double.isFinite(e.getValue()))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
