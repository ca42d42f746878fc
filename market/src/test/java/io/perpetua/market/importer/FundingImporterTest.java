package io.perpetua.market.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.testing.SharedData;
import io.perpetua.core.time.Times;
import io.perpetua.market.FundingCatalog;
import io.perpetua.market.FundingSeries;
import io.perpetua.market.csv.DataFormatException;
import io.perpetua.market.csv.ErrorPolicy;
import io.perpetua.market.csv.FundingCsvReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FundingImporterTest {
  static final InstrumentId BTC = InstrumentId.parse("BTC/USDT:USDT");
  static final InstrumentId ETH = InstrumentId.parse("ETH/USDT:USDT");

  @TempDir Path dir;

  @Test
  void importPath_fileWithUnknownName_skipOrStop() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("rates.csv"), "Symbol,Date,Funding Rate\n");
    Files.writeString(
        in.resolve("BTC-USDT_bybit_x.csv"),
        "Symbol,Date,Funding Rate\nBTC-USDT,2021-01-01 03:00:00,0.0001\n");
    FundingCatalog catalog = new FundingCatalog(dir.resolve("c"));
    FundingImportReport report =
        new FundingImporter(catalog, new FundingCsvReader(ErrorPolicy.SKIP)).importPath(in);
    assertThat(report.issues()).hasSize(1);
    assertThat(report.issues().get(0).file()).endsWith("rates.csv");
    assertThat(report.entry("bybit", BTC).orElseThrow().firstTimeMs())
        .isEqualTo(Times.parseDate("2021-01-01"));
    assertThatThrownBy(
            () ->
                new FundingImporter(catalog, new FundingCsvReader(ErrorPolicy.STOP)).importPath(in))
        .isInstanceOf(DataFormatException.class);
  }

  @Test
  void importPath_realFundingDirectory_sevenVenuesTwoInstruments() throws IOException {
    Path funding = SharedData.require("funding");
    FundingCatalog catalog = new FundingCatalog(dir);
    FundingImportReport report =
        new FundingImporter(catalog, new FundingCsvReader(ErrorPolicy.STOP)).importPath(funding);
    assertThat(report.files()).isEqualTo(14);
    assertThat(report.issues()).isEmpty();
    assertThat(catalog.venues())
        .containsExactly("binance", "bybit", "dydx", "gate", "htx", "kucoin", "mexc");
    assertThat(catalog.instruments("binance")).containsExactly(BTC, ETH);
    FundingSeries eth = catalog.read("binance", ETH).orElseThrow();
    assertThat(eth.size()).isEqualTo(4383);
    long from = Times.parseInstant("2021-06-01T00:00:00Z");
    long to = Times.parseInstant("2021-06-02T00:00:00Z");
    int k = eth.lowerBound(from);
    assertThat(eth.countBetween(from, to)).isEqualTo(3);
    assertThat(eth.timeMs(k)).isEqualTo(from);
    assertThat(eth.timeMs(k + 2)).isEqualTo(from + 16 * Times.HOUR_MS);
  }
}
