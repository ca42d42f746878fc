package io.perpetua.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.order.OrderSide;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.BookImbalance;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.FlowTickMeta;
import io.perpetua.market.tick.Liquidation;
import io.perpetua.market.tick.MarkPriceUpdate;
import io.perpetua.market.tick.OpenInterestUpdate;
import io.perpetua.market.tick.PositionRatios;
import io.perpetua.market.tick.SpotPerpDivergence;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The raw live-tick store (V115) on a database: every kind reads back equal, in time order; a trade
 * written twice is kept once; the meta is replaced with each batch and survives a reopen.
 */
abstract class FlowTickStoreContract {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final InstrumentId ETH = InstrumentId.fromVenueSymbol("ETHUSDT");
  private static final long T = 1_700_000_000_000L;
  private Database database;

  /** A fresh, empty database. */
  abstract DatabaseConfig freshDatabase() throws Exception;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void everyKindReadsBackInTimeOrder_aTradeWrittenTwiceIsKeptOnce_metaIsReplaced()
      throws Exception {
    DatabaseConfig config = freshDatabase();
    database = Database.open(config);
    var store = new JdbcFlowTickStore(database);
    List<FlowTick> first =
        List.of(
            new AggTrade(BTC, 7, T, 50_000.5, 0.25, false),
            new MarkPriceUpdate(BTC, T + 1, 50_001, 50_000, 0.0001, T + 3_600_000),
            new Liquidation(BTC, T + 2, OrderSide.BUY, 50_010, 2),
            new AggTrade(BTC, 8, T + 2, 50_000.4, 1.5, true),
            new BookImbalance(BTC, T + 3, 0.5),
            new SpotPerpDivergence(BTC, T + 4, 50_002, 50_001),
            new OpenInterestUpdate(BTC, T - 300_000, 12_345.6),
            new PositionRatios(BTC, T - 300_000, 1.25, 0.9),
            new AggTrade(ETH, 3, T, 3_000, 4, false));
    FlowTickMeta meta = new FlowTickMeta(BTC, new BigDecimal("0.10"), 7, 8, T - 300_000, T + 4);
    store.append(first, List.of(meta));
    store.append(
        List.of(
            new AggTrade(BTC, 8, T + 2, 50_000.4, 1.5, true),
            new AggTrade(BTC, 9, T + 5, 1, 1, true)),
        List.of(new FlowTickMeta(BTC, new BigDecimal("0.10"), 7, 9, T - 300_000, T + 5)));

    List<FlowTick> back = store.ticks(BTC, T - 600_000, T + 10, 100);
    assertThat(back).hasSize(9);
    assertThat(back.subList(0, 2))
        .containsExactlyInAnyOrder(first.get(6), first.get(7)); // both at T - 5 min
    assertThat(back.subList(2, 9))
        .containsExactly(
            first.get(0),
            first.get(1),
            first.get(3),
            first.get(2),
            first.get(4),
            first.get(5),
            new AggTrade(BTC, 9, T + 5, 1, 1, true));
    assertThat(store.ticks(BTC, T, T + 2, 2)).hasSize(2);
    assertThat(store.ticks(ETH, T, T, 10)).containsExactly(first.get(8));

    database.close();
    database = Database.open(config);
    var reopened = new JdbcFlowTickStore(database).meta();
    assertThat(reopened).containsOnlyKeys(BTC);
    assertThat(reopened.get(BTC).lastAggId()).isEqualTo(9);
    assertThat(reopened.get(BTC).lastTimeMs()).isEqualTo(T + 5);
    assertThat(reopened.get(BTC).tickSize()).isEqualByComparingTo("0.1");
  }
}
