package io.perpetua.signals.hotlist;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.BarSeries;
import io.perpetua.market.FundingCatalog;
import io.perpetua.market.FundingSeries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The scan's inputs from the platform's catalog (the bars the platform imported and keeps up to
 * date, funding of one venue where it has history). The catalog has no open interest and no
 * long/short ratio: those inputs are null (shown as missing). Reads only the days a scan needs
 * (plus one bar after {@code ts} at most, which the scorer ignores). Thread-safe.
 */
public final class CatalogInputs implements HotInputsSource {
  private final BarCatalog bars;
  private final FundingCatalog funding;
  private final Timeframe timeframe;
  private final String venue;

  /** Inputs from {@code bars} at {@code timeframe} and {@code funding} of {@code venue}. */
  public CatalogInputs(BarCatalog bars, FundingCatalog funding, Timeframe timeframe, String venue) {
    this.bars = Objects.requireNonNull(bars, "bars");
    this.funding = Objects.requireNonNull(funding, "funding");
    this.timeframe = Objects.requireNonNull(timeframe, "timeframe");
    this.venue = Objects.requireNonNull(venue, "venue");
  }

  @Override
  public List<HotInputs> load(long ts, int days) throws IOException {
    long from = ts - (days + 1L) * DayWindows.DAY_MS;
    List<HotInputs> out = new ArrayList<>();
    for (InstrumentId id : bars.instruments(timeframe)) {
      BarSeries s = bars.read(id, timeframe, from, ts + 1).orElse(null);
      if (s == null || s.isEmpty()) {
        continue;
      }
      FundingSeries f = funding.read(venue, id, ts - 60 * DayWindows.DAY_MS, ts + 1).orElse(null);
      out.add(new HotInputs(id.apiSymbol(), s, f, null, null));
    }
    return out;
  }
}
