package io.perpetua.app.download;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.BarSeries;
import io.perpetua.market.FundingCatalog;
import io.perpetua.market.FundingSeries;
import io.perpetua.market.importer.ProgressListener;
import io.perpetua.venue.binance.BinanceHistory;
import io.perpetua.venue.binance.BinanceMessages;
import io.perpetua.venue.binance.Kline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Downloads history from the venue into the catalog the importer writes ({@code catalog/}): closed
 * klines ({@link BarCatalog}), funding settlements ({@link FundingCatalog}, venue {@code binance})
 * and open interest ({@link OpenInterestFile}). Each kind is paged (1,000 klines, 1,000
 * settlements, 500 open-interest rows a request, within the client's request-weight limiter) and
 * every page is stored before the next is asked for, so an interrupted download resumes after the
 * last stored row instead of starting over. Not thread-safe.
 */
public final class HistoryDownload {
  /** The funding venue name the catalog files carry (as the CSV importer writes it). */
  public static final String VENUE = "binance";

  /** Klines per request (Binance weight 5; 1,500 would cost 10). */
  static final int KLINES_PER_PAGE = 1000;

  private static final Set<String> OI_PERIODS =
      Set.of("5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d");
  private static final long OI_DAYS_MS = 30 * 86_400_000L;

  private final BinanceHistory venue;
  private final Path catalogRoot;
  private final LongSupplier now;
  private final ProgressListener progress;
  private long requests;

  /**
   * A download from {@code venue} into {@code catalogRoot}.
   *
   * @param now the wall clock (epoch ms): bars still open at this time are not stored
   */
  public HistoryDownload(
      BinanceHistory venue, Path catalogRoot, LongSupplier now, ProgressListener progress) {
    this.venue = venue;
    this.catalogRoot = catalogRoot;
    this.now = now;
    this.progress = progress;
  }

  /** What one symbol's download stored. */
  public record Result(InstrumentId instrument, int bars, int fundings, int openInterest) {}

  /** Requests sent so far. */
  public long requests() {
    return requests;
  }

  /** Downloads {@code [fromMs, toMs)} of {@code instrument} at {@code timeframe}. */
  public Result download(InstrumentId instrument, Timeframe timeframe, long fromMs, long toMs)
      throws IOException {
    long end = Math.min(toMs, now.getAsLong());
    int bars = klines(instrument, timeframe, fromMs, end);
    int fundings = funding(instrument, fromMs, end);
    int oi = openInterest(instrument, timeframe, fromMs, end);
    return new Result(instrument, bars, fundings, oi);
  }

  private int klines(InstrumentId instrument, Timeframe tf, long fromMs, long endMs)
      throws IOException {
    BarCatalog catalog = new BarCatalog(catalogRoot);
    long cursor = align(fromMs, tf.millis());
    var stored = catalog.read(instrument, tf);
    if (stored.isPresent()
        && !stored.get().isEmpty()
        && stored.get().firstOpenTimeMs() <= cursor
        && stored.get().lastOpenTimeMs() >= cursor) {
      cursor = stored.get().lastOpenTimeMs() + tf.millis(); // resume after the last stored bar
    }
    String label = instrument.venueSymbol() + " " + tf.code() + " klines";
    int added = 0;
    while (cursor + tf.millis() <= endMs) {
      requests++;
      List<Kline> page =
          venue
              .rest()
              .klines(instrument.venueSymbol(), tf.code(), cursor, endMs - 1, KLINES_PER_PAGE);
      BarSeries.Builder b = BarSeries.builder(instrument, tf, page.size());
      long last = -1;
      for (Kline k : page) {
        if (k.openTimeMs() >= cursor && k.openTimeMs() + tf.millis() <= endMs) {
          b.add(
              k.openTimeMs(),
              k.open().doubleValue(),
              k.high().doubleValue(),
              k.low().doubleValue(),
              k.close().doubleValue(),
              k.volume().doubleValue(),
              k.quoteVolume().doubleValue());
          last = k.openTimeMs();
          added++;
        }
      }
      if (last < 0) {
        break; // nothing more (the venue has no older or newer closed bars)
      }
      catalog.merge(b.build());
      cursor = last + tf.millis();
      report(label, cursor - fromMs, endMs - fromMs);
    }
    return added;
  }

  private int funding(InstrumentId instrument, long fromMs, long endMs) throws IOException {
    FundingCatalog catalog = new FundingCatalog(catalogRoot);
    long cursor = fromMs;
    var stored = catalog.read(VENUE, instrument);
    if (stored.isPresent() && !stored.get().isEmpty()) {
      FundingSeries s = stored.get();
      long last = s.timeMs(s.size() - 1);
      if (s.timeMs(0) <= cursor + 8 * 3_600_000L && last >= cursor) {
        cursor = last + 1;
      }
    }
    String label = instrument.venueSymbol() + " funding";
    int added = 0;
    while (cursor < endMs) {
      requests++;
      List<BinanceMessages.FundingRate> page =
          venue.fundingRates(
              instrument.venueSymbol(), cursor, endMs - 1, BinanceHistory.MAX_FUNDING);
      FundingSeries.Builder b = FundingSeries.builder(VENUE, instrument);
      long last = -1;
      for (BinanceMessages.FundingRate f : page) {
        if (f.timeMs() >= cursor && f.timeMs() < endMs && f.timeMs() > last) {
          b.add(f.timeMs(), f.rate().doubleValue());
          last = f.timeMs();
          added++;
        }
      }
      if (last < 0) {
        break;
      }
      catalog.merge(b.build());
      cursor = last + 1;
      report(label, cursor - fromMs, endMs - fromMs);
    }
    return added;
  }

  private int openInterest(InstrumentId instrument, Timeframe tf, long fromMs, long endMs)
      throws IOException {
    String period = OI_PERIODS.contains(tf.code()) ? tf.code() : "5m";
    long periodMs = Timeframe.parse(period).millis();
    OpenInterestFile file = new OpenInterestFile(catalogRoot, instrument, period);
    long cursor = Math.max(fromMs, endMs - OI_DAYS_MS + periodMs);
    long last = file.lastTimeMs();
    if (last >= cursor) {
      cursor = last + 1;
    }
    String label = instrument.venueSymbol() + " open interest " + period;
    int added = 0;
    long start = cursor;
    while (cursor < endMs) {
      requests++;
      List<BinanceMessages.OpenInterest> page =
          venue.openInterestHistory(
              instrument.venueSymbol(),
              period,
              cursor,
              endMs - 1,
              BinanceHistory.MAX_OPEN_INTEREST);
      long from = cursor;
      List<BinanceMessages.OpenInterest> fresh =
          page.stream().filter(o -> o.timeMs() >= from && o.timeMs() < endMs).toList();
      if (fresh.isEmpty()) {
        break;
      }
      file.append(fresh);
      added += fresh.size();
      cursor = fresh.get(fresh.size() - 1).timeMs() + periodMs;
      report(label, cursor - start, endMs - start);
    }
    return added;
  }

  private void report(String label, long done, long total) {
    progress.onProgress(Math.max(0, Math.min(done, total)), Math.max(total, 1), label);
  }

  private static long align(long timeMs, long stepMs) {
    return Math.floorDiv(timeMs + stepMs - 1, stepMs) * stepMs;
  }
}
