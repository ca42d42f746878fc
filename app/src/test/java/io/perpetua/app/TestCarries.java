package io.perpetua.app;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.trading.carry.CarryInstance;
import io.perpetua.trading.carry.CarryLimits;
import io.perpetua.trading.carry.CarryMarket;
import io.perpetua.trading.carry.CarrySpec;
import io.perpetua.trading.carry.CarryStore;
import io.perpetua.trading.kernel.algo.OrderGateway;
import io.perpetua.trading.port.VenueListener;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** Dry-run carries over a market that never moves, for the tests of what acts on a carry. */
public final class TestCarries {
  private static final Instrument BTC =
      new Instrument(
          InstrumentId.usdtPerp("BTC"), new Price(10, 2), new Quantity(1, 3), Money.of(5));

  private TestCarries() {}

  /**
   * A started dry-run carry {@code id} (tick 20 ms) recording to {@code store}; every market read
   * fails while {@code down} (five failed ticks halt it).
   */
  public static CarryInstance dryRun(String id, BooleanSupplier down, CarryStore store) {
    CarrySpec spec =
        new CarrySpec(
            id,
            "BTC-USD",
            "spot-a",
            "perp-a",
            BTC,
            BTC,
            CarryLimits.spec(Money.of(10_000)),
            0.001,
            0.0005,
            20);
    CarryInstance.LegPaths none =
        new CarryInstance.LegPaths() {
          @Override
          public OrderGateway spot(VenueListener events) {
            throw new AssertionError("dry-run only");
          }

          @Override
          public OrderGateway perp(VenueListener events) {
            throw new AssertionError("dry-run only");
          }
        };
    return new CarryInstance(spec, new Flat(down), none, store, System::currentTimeMillis).start();
  }

  /** Quotes 50,000 / 50,000.10 on both legs, funding 0.01 %, flat positions. */
  private record Flat(BooleanSupplier down) implements CarryMarket {
    @Override
    public Quote spotQuote() {
      if (down.getAsBoolean()) {
        throw new IllegalStateException("venue down");
      }
      return new Quote(Price.parse("50000", 2), Price.parse("50000.10", 2));
    }

    @Override
    public Quote perpQuote() {
      return spotQuote();
    }

    @Override
    public Quantity spotPosition() {
      return Quantity.zero(3);
    }

    @Override
    public Quantity perpPosition() {
      return Quantity.zero(3);
    }

    @Override
    public Set<ClientOrderId> openOrders() {
      return Set.of();
    }

    @Override
    public double fundingRate() {
      return 0.0001;
    }

    @Override
    public Optional<Settlement> lastSettlement() {
      return Optional.empty();
    }
  }
}
