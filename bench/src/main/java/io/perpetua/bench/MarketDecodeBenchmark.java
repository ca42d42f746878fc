package io.perpetua.bench;

import io.perpetua.venue.binance.MarketEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Market-data decoding: one WebSocket message (the real Binance payload from {@code
 * binance-api-fixtures/ws-market}) → {@link MarketEvent}. Throughput = messages decoded per second
 * on one thread. The fixtures are read from {@code $PERPETUA_SHARED_DATA} or {@code
 * ../shared/data}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MarketDecodeBenchmark {
  /** The fixture's file name without {@code .json}. */
  @Param({"agg_trade_stream", "mark_price_stream", "depth_update_stream"})
  public String message;

  private String text;

  /** Reads the fixture. */
  @Setup
  public void load() throws IOException {
    String env = System.getenv("PERPETUA_SHARED_DATA");
    Path root = Path.of(env != null && !env.isBlank() ? env : "../shared/data");
    text = Files.readString(root.resolve("binance-api-fixtures/ws-market/" + message + ".json"));
  }

  /** Decodes one message. */
  @Benchmark
  public Optional<MarketEvent> decode() {
    return MarketEvent.parse(text);
  }
}
