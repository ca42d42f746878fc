package io.perpetua.market.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.testing.SharedData;
import io.perpetua.core.time.Times;
import io.perpetua.market.AlignedBars;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.BarSeries;
import io.perpetua.market.FundingCatalog;
import io.perpetua.market.FundingSeries;
import io.perpetua.market.csv.ErrorPolicy;
import io.perpetua.market.csv.FundingCsvReader;
import io.perpetua.market.importer.FundingImporter;
import io.perpetua.market.importer.KlineImporter;
import io.perpetua.market.synthetic.SyntheticMarket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFeedTest {
  static final long H = 3_600_000L;
  static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");

  @TempDir Path dir;

  static BarSeries bars(InstrumentId id, int from, int to) {
    BarSeries.Builder b = BarSeries.builder(id, Timeframe.H1);
    for (int k = from; k < to; k++) {
      b.add(k * H, 1, 1, 1, 1, 0, 0);
    }
    return b.build();
  }

  static FundingSeries funding(InstrumentId id, long... hours) {
    FundingSeries.Builder b = FundingSeries.builder("binance", id);
    for (long h : hours) {
      b.add(h * H, h / 100_000.0);
    }
    return b.build();
  }

  static List<String> replay(ReplayFeed feed) {
    List<String> events = new ArrayList<>();
    feed.run(
        (bars, t) -> events.add("step " + bars.time(t) / H),
        (id, time, rate) -> events.add(id.base() + " " + time / H + " " + rate));
    return events;
  }

  @Test
  void run_settlementAtT_isDeliveredBeforeTheStepOpeningAtT() {
    AlignedBars panel =
        AlignedBars.of(Map.of(BTC, bars(BTC, 0, 4), ETH, bars(ETH, 0, 4)), 0, Long.MAX_VALUE);
    ReplayFeed feed =
        new ReplayFeed(panel, Map.of(BTC, funding(BTC, 0, 2, 9), ETH, funding(ETH, 2, 4, 5)));
    assertThat(replay(feed))
        .containsExactly(
            "BTC 0 0.0",
            "step 0",
            "step 1",
            "BTC 2 2.0E-5",
            "ETH 2 2.0E-5",
            "step 2",
            "step 3",
            "ETH 4 4.0E-5");
    assertThat(feed.settlementCount()).isEqualTo(4);
  }

  @Test
  void run_settlementsBetweenSteps_areInterleavedInTimeOrder() {
    BarSeries.Builder daily = BarSeries.builder(BTC, Timeframe.D1);
    daily.add(0, 1, 1, 1, 1, 0, 0).add(24 * H, 1, 1, 1, 1, 0, 0);
    AlignedBars panel = AlignedBars.of(Map.of(BTC, daily.build()), 0, Long.MAX_VALUE);
    ReplayFeed feed =
        new ReplayFeed(
            panel, Map.of(BTC, funding(BTC, 8, 16, 24, 32, 40, 48, 56), ETH, funding(ETH, 8)));
    assertThat(replay(feed))
        .containsExactly(
            "step 0",
            "BTC 8 8.0E-5",
            "BTC 16 1.6E-4",
            "BTC 24 2.4E-4",
            "step 24",
            "BTC 32 3.2E-4",
            "BTC 40 4.0E-4",
            "BTC 48 4.8E-4");
  }

  @Test
  void run_syntheticMarket_deliversEverySettlementInsideThePanelOnce() {
    SyntheticMarket m =
        SyntheticMarket.generate(SyntheticMarket.Config.defaults().withSymbolCount(10));
    ReplayFeed feed = new ReplayFeed(m.bars(), m.funding());
    int expected = m.funding().values().stream().mapToInt(FundingSeries::size).sum();
    long[] lastTime = {Long.MIN_VALUE};
    int[] counts = new int[2];
    feed.run(
        (bars, t) -> {
          assertThat(bars.time(t)).isGreaterThanOrEqualTo(lastTime[0]);
          lastTime[0] = bars.time(t);
          counts[0]++;
        },
        (id, time, rate) -> {
          assertThat(time).isGreaterThan(lastTime[0]);
          assertThat(m.bars().index(id)).isNotNegative();
          counts[1]++;
        });
    assertThat(counts[0]).isEqualTo(m.bars().size());
    assertThat(counts[1]).isEqualTo(expected).isEqualTo(feed.settlementCount());
  }

  @Test
  void withFunding_realBtcBarsAndBinanceFunding_settleBeforeTheBarOpeningAtTheirTime()
      throws IOException {
    Path klines = SharedData.require("binance-um-klines/1h/BTCUSDT-1h.csv.gz");
    Path rates =
        SharedData.require("funding/BTC-USDT_binance_2020-01-01_2024-01-01_funding_history.csv");
    BarCatalog bars = new BarCatalog(dir);
    new KlineImporter(bars, ErrorPolicy.STOP).importPath(klines);
    FundingCatalog funding = new FundingCatalog(dir);
    new FundingImporter(funding, new FundingCsvReader(ErrorPolicy.STOP)).importPath(rates);
    long from = Times.parseInstant("2023-01-01T00:00:00Z");
    long to = Times.parseInstant("2023-02-01T00:00:00Z");
    AlignedBars panel = AlignedBars.fromCatalog(bars, Timeframe.H1, from, to);
    ReplayFeed feed = ReplayFeed.withFunding(panel, funding, "binance");
    assertThat(feed.settlementCount()).isEqualTo(31 * 3 + 1);
    List<String> events = replay(feed);
    int settlement = events.indexOf("BTC " + (from + 8 * H) / H + " 1.0E-4");
    assertThat(events.get(settlement + 1)).isEqualTo("step " + (from + 8 * H) / H);
    assertThat(events.get(settlement - 1)).isEqualTo("step " + (from + 7 * H) / H);
    assertThat(events.get(events.size() - 1)).startsWith("BTC " + to / H + " ");
  }

  @Test
  void withFunding_readsTheCatalogForThePanelInstruments() throws IOException {
    FundingCatalog catalog = new FundingCatalog(dir);
    catalog.write(funding(BTC, 0, 8));
    catalog.write(funding(InstrumentId.usdtPerp("XRP"), 0));
    AlignedBars panel = AlignedBars.of(Map.of(BTC, bars(BTC, 0, 10)), 0, Long.MAX_VALUE);
    ReplayFeed feed = ReplayFeed.withFunding(panel, catalog, "binance");
    assertThat(feed.settlementCount()).isEqualTo(2);
    assertThat(replay(feed)).contains("BTC 8 8.0E-5").hasSize(12);
    assertThat(replay(ReplayFeed.barsOnly(panel))).hasSize(10);
  }
}
