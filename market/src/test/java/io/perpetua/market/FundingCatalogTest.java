package io.perpetua.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FundingCatalogTest {
  static final long P = 8 * 3_600_000L;
  static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");

  @TempDir Path dir;

  static FundingSeries series(String venue, InstrumentId id, long fromPeriod, double... rates) {
    FundingSeries.Builder b = FundingSeries.builder(venue, id);
    for (int k = 0; k < rates.length; k++) {
      b.add((fromPeriod + k) * P, rates[k]);
    }
    return b.build();
  }

  @Test
  void writeRead_roundTripsAndRangeReadsAreHalfOpen() throws IOException {
    FundingCatalog catalog = new FundingCatalog(dir);
    FundingSeries s = series("binance", BTC, 0, 0.0001, -0.0002, 0.0003, 0.00005);
    catalog.write(s);
    assertThat(catalog.read("binance", BTC)).contains(s);
    assertThat(catalog.read("binance", BTC, P, 3 * P).orElseThrow().rates())
        .containsExactly(-0.0002, 0.0003);
    assertThat(catalog.read("bybit", BTC)).isEmpty();
    assertThat(catalog.path("binance", BTC))
        .isEqualTo(dir.resolve("funding/binance/BTCUSDT.funding"));
  }

  @Test
  void merge_unionNewerWins_andListsEntries() throws IOException {
    FundingCatalog catalog = new FundingCatalog(dir);
    catalog.merge(series("binance", BTC, 0, 0.1e-3, 0.2e-3, 0.3e-3));
    FundingSeries merged = catalog.merge(series("binance", BTC, 2, 0.9e-3, 0.4e-3));
    assertThat(merged.rates()).containsExactly(0.1e-3, 0.2e-3, 0.9e-3, 0.4e-3);
    catalog.write(series("gate", ETH, 1, 0.0));
    catalog.write(series("binance", ETH, 5, 0.0, 0.0));
    assertThat(catalog.venues()).containsExactly("binance", "gate");
    assertThat(catalog.instruments("binance")).containsExactly(BTC, ETH);
    assertThat(catalog.list())
        .containsExactly(
            new FundingCatalogEntry("binance", BTC, 4, 0, 3 * P),
            new FundingCatalogEntry("binance", ETH, 2, 5 * P, 6 * P),
            new FundingCatalogEntry("gate", ETH, 1, P, P));
  }

  @Test
  void series_findsSettlementsInRangeByBinarySearch() {
    FundingSeries s = series("binance", BTC, 10, 1e-4, 2e-4, 3e-4, 4e-4);
    assertThat(s.lowerBound(11 * P)).isEqualTo(1);
    assertThat(s.lowerBound(11 * P + 1)).isEqualTo(2);
    assertThat(s.lowerBound(0)).isZero();
    assertThat(s.lowerBound(Long.MAX_VALUE)).isEqualTo(4);
    assertThat(s.countBetween(11 * P, 13 * P)).isEqualTo(2);
    assertThat(s.countBetween(13 * P, 11 * P)).isZero();
    assertThat(s.slice(11 * P, 13 * P).timesMs()).containsExactly(11 * P, 12 * P);
    assertThat(s.settlement(0).rate()).isEqualTo(1e-4);
  }

  @Test
  void builder_rejectsImplausibleRatesAndBadVenues() {
    FundingSeries.Builder b = FundingSeries.builder("binance", BTC);
    assertThatThrownBy(() -> b.add(0, 0.2)).hasMessageContaining("implausible");
    assertThatThrownBy(() -> b.add(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    b.add(0, 0.01);
    assertThatThrownBy(() -> b.add(0, 0.01)).hasMessageContaining("does not follow");
    assertThatThrownBy(() -> FundingSeries.builder("Binance!", BTC))
        .hasMessageContaining("invalid venue");
  }
}
