package io.perpetua.app.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Clock;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.BarSeries;
import io.perpetua.market.FundingCatalog;
import io.perpetua.market.importer.ProgressListener;
import io.perpetua.venue.binance.BinanceConfig;
import io.perpetua.venue.binance.BinanceCredentials;
import io.perpetua.venue.binance.BinanceHistory;
import io.perpetua.venue.binance.BinanceRestClient;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeListing;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data download} against the fake venue: paged klines, funding and open interest land in the
 * catalog; an interrupted download resumes after the last stored page and ends with the same
 * catalog as an uninterrupted one, without asking for a page twice.
 */
class HistoryDownloadTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final long H = 3_600_000L;

  @TempDir Path tmp;
  private FakeBinanceServer server;
  private long currentOpen;

  @BeforeEach
  void start() {
    server =
        FakeBinanceServer.startLocal(
            List.of(FakeListing.standard("BTCUSDT", new BigDecimal("50000.0"))));
    currentOpen = server.exchange().seedHistory("1h", 2_600, 11);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HistoryDownload download(Path root, ProgressListener progress) {
    BinanceRestClient rest =
        new BinanceRestClient(
            BinanceConfig.of(server.restBaseUrl(), server.wsBaseUrl()),
            new BinanceCredentials("public", "public"),
            Clock.system());
    return new HistoryDownload(new BinanceHistory(rest), root, System::currentTimeMillis, progress);
  }

  @Test
  void download_pagesKlinesFundingAndOpenInterest_intoTheCatalog() throws Exception {
    long from = currentOpen - 2_500 * H;
    HistoryDownload.Result r =
        download(tmp, ProgressListener.NONE).download(BTC, Timeframe.H1, from, currentOpen);
    assertThat(r.bars()).isEqualTo(2_500);
    BarSeries bars = new BarCatalog(tmp).read(BTC, Timeframe.H1).orElseThrow();
    assertThat(bars.size()).isEqualTo(2_500);
    assertThat(bars.firstOpenTimeMs()).isEqualTo(from);
    assertThat(bars.lastOpenTimeMs()).isEqualTo(currentOpen - H);
    assertThat(server.requestCount("GET /fapi/v1/klines")).as("1,000 a page").isEqualTo(3);
    assertThat(r.fundings()).isBetween(312, 313);
    assertThat(new FundingCatalog(tmp).read(HistoryDownload.VENUE, BTC).orElseThrow().size())
        .isEqualTo(r.fundings());
    assertThat(r.openInterest()).as("the last 30 days, hourly").isBetween(718, 720);
    assertThat(server.requestCount("GET /futures/data/openInterestHist")).isEqualTo(2);
    assertThat(Files.readAllLines(new OpenInterestFile(tmp, BTC, "1h").path()))
        .hasSize(r.openInterest() + 1);
  }

  @Test
  void interruptedDownload_resumes_withoutRefetching_andEndsLikeAnUninterruptedOne()
      throws Exception {
    long from = currentOpen - 2_500 * H;
    Path reference = tmp.resolve("reference");
    download(reference, ProgressListener.NONE).download(BTC, Timeframe.H1, from, currentOpen);
    int referenceRequests = server.requestCount("GET /fapi/v1/klines");

    Path resumed = tmp.resolve("resumed");
    AtomicInteger pages = new AtomicInteger();
    ProgressListener dies =
        (done, total, item) -> {
          if (pages.incrementAndGet() == 2) {
            throw new IllegalStateException("killed after the second page");
          }
        };
    assertThatThrownBy(() -> download(resumed, dies).download(BTC, Timeframe.H1, from, currentOpen))
        .hasMessageContaining("killed");
    assertThat(new BarCatalog(resumed).read(BTC, Timeframe.H1).orElseThrow().size())
        .isEqualTo(2_000);
    download(resumed, ProgressListener.NONE).download(BTC, Timeframe.H1, from, currentOpen);
    assertThat(server.requestCount("GET /fapi/v1/klines") - referenceRequests)
        .as("two pages, then only the third")
        .isEqualTo(3);
    BarSeries a = new BarCatalog(reference).read(BTC, Timeframe.H1).orElseThrow();
    BarSeries b = new BarCatalog(resumed).read(BTC, Timeframe.H1).orElseThrow();
    assertThat(b.size()).isEqualTo(a.size());
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.bar(i)).isEqualTo(a.bar(i));
    }
    assertThat(new FundingCatalog(resumed).read(HistoryDownload.VENUE, BTC).orElseThrow().size())
        .isEqualTo(
            new FundingCatalog(reference).read(HistoryDownload.VENUE, BTC).orElseThrow().size());
  }
}
