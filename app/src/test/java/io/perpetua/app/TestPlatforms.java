package io.perpetua.app;

import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.testing.SharedData;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.InMemoryFlowJournal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Platforms as the end-to-end tests start them, and the paper run they compare one with. */
final class TestPlatforms {
  private TestPlatforms() {}

  /**
   * A platform on {@code config} with its data in {@code dataDir} and the shared data, {@code
   * token} as its API token and its console discarded, replaying at {@code speed}.
   */
  static Platform start(PerpetuaConfig config, Path dataDir, String token, double speed)
      throws IOException {
    // One operator with the static token: four-eyes off, so it can lift an emergency stop alone;
    // no rate limits: these tests poll the API in tight loops (the limiter has its own tests).
    return start(
        config,
        dataDir,
        Map.of(
            "PERPETUA_API_TOKEN",
            token,
            "PERPETUA_FOUR_EYES",
            "off",
            "PERPETUA_RATE_LIMIT_PER_IP",
            "0",
            "PERPETUA_RATE_LIMIT_PER_USER",
            "0"),
        speed);
  }

  /** {@link #start(PerpetuaConfig, Path, String, double)} with the whole environment given. */
  static Platform start(PerpetuaConfig config, Path dataDir, Map<String, String> env, double speed)
      throws IOException {
    return Platform.start(
        config,
        dataDir,
        SharedData.root(),
        env,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        speed);
  }

  /**
   * The demo strategy on BTCUSDT run over {@code ticks} by a paper kernel of its own, in memory (75
   * minutes of warm-up, the simulated venue configured as the venue, no journal): what a platform
   * replaying the same ticks must decide.
   */
  static FlowService paperReference(List<? extends FlowTick> ticks) {
    InstrumentId btc = InstrumentId.fromVenueSymbol("BTCUSDT");
    FlowService reference =
        new FlowService(
            FlowEngineSettings.paper("reference").withDefaultWarmupMs(75 * 60_000L),
            Set.of(btc),
            new InMemoryFlowJournal(),
            () -> 0L,
            null);
    reference.create(FlowRuntime.demo("BTCUSDT"));
    double first = ((io.perpetua.market.tick.AggTrade) ticks.get(0)).price();
    var inst = io.perpetua.core.Instrument.derivedFrom(btc, first);
    // as the platform's paper flow: the simulated venue configured as the venue (the defaults'
    // fees 5 / 2 bps, no slippage, limits at the touch, a 5 % price band)
    var asVenue = io.perpetua.trading.venue.SimulatedVenueConfig.venueLike(5, 2, 0.05);
    reference.start(
        strategy ->
            io.perpetua.trading.kernel.TickKernels.over(
                List.of(inst),
                null,
                new io.perpetua.trading.kernel.KernelListener() {},
                strategy,
                ticks.get(0).timeMs() - 60_000,
                clock ->
                    new io.perpetua.trading.venue.SimulatedVenue(
                        Map.of(btc, inst), asVenue, clock)));
    ticks.forEach(reference::onTick);
    return reference;
  }
}
