package io.perpetua.app;

import io.perpetua.trading.kernel.FundingSchedule;
import io.perpetua.venue.binance.MarketEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Funding settlements of a live Binance market, learned from the {@code markPrice} stream, for the
 * kernel to book (live mode on Binance; a replay reads them from the catalog instead).
 *
 * <p>Each {@code markPriceUpdate} announces the rate {@code r} to be applied at the next funding
 * time {@code T}. A symbol's funding at {@code T} is settled with the last rate announced for it:
 * when a later event announces the following funding time, or when the kernel steps a bar that
 * closes at or after {@code T} (whichever comes first — the bar may be stepped before the stream's
 * next event arrives). Each funding time is delivered once per symbol, in time order. After a
 * stream outage that spans a funding time the last rate heard before it is used.
 *
 * <p>The kernel books the amount at its own mark (the bar's close), where the venue uses its mark
 * at the funding time; the small difference shows in reconciliation's wallet comparison. Events
 * arrive on the stream's thread, {@link #forEach} runs on the kernel thread: thread-safe.
 */
final class LiveFundingSchedule implements FundingSchedule {
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, Long> announcedTime = new HashMap<>();
  private final Map<String, Double> announcedRate = new HashMap<>();
  private final Map<String, TreeMap<Long, Double>> heard = new HashMap<>();
  private final Map<String, Long> deliveredThrough = new HashMap<>();

  /** A schedule for {@code symbols} (venue symbols, in the kernel's instrument order). */
  LiveFundingSchedule(List<String> symbols) {
    for (int i = 0; i < symbols.size(); i++) {
      index.put(symbols.get(i), i);
    }
  }

  /** A mark-price event: records the announced rate, and a settlement when the time moved on. */
  synchronized void onMarkPrice(MarketEvent.MarkPrice m) {
    if (!index.containsKey(m.symbol()) || m.fundingRate() == null) {
      return;
    }
    double rate = m.fundingRate().doubleValue();
    if (!Double.isFinite(rate)) {
      return;
    }
    Long before = announcedTime.get(m.symbol());
    if (before != null && m.nextFundingTimeMs() > before) {
      heard
          .computeIfAbsent(m.symbol(), s -> new TreeMap<>())
          .put(before, announcedRate.get(m.symbol()));
    }
    if (before == null || m.nextFundingTimeMs() >= before) {
      announcedTime.put(m.symbol(), m.nextFundingTimeMs());
      announcedRate.put(m.symbol(), rate);
    }
  }

  private record Due(int index, long timeMs, double rate) {}

  @Override
  public synchronized void forEach(long fromExclusive, long toInclusive, Sink sink) {
    List<Due> due = new ArrayList<>();
    index.forEach(
        (symbol, i) -> {
          long through = deliveredThrough.getOrDefault(symbol, Long.MIN_VALUE);
          TreeMap<Long, Double> settled = heard.get(symbol);
          if (settled != null) {
            settled
                .subMap(fromExclusive, false, toInclusive, true)
                .forEach(
                    (t, rate) -> {
                      if (t > through) {
                        due.add(new Due(i, t, rate));
                      }
                    });
            settled.headMap(toInclusive, true).clear();
          }
          Long pending = announcedTime.get(symbol);
          if (pending != null
              && pending > fromExclusive
              && pending <= toInclusive
              && pending > through
              && due.stream().noneMatch(d -> d.index() == i && d.timeMs() == pending)) {
            due.add(new Due(i, pending, announcedRate.get(symbol)));
          }
          due.stream()
              .filter(d -> d.index() == i)
              .mapToLong(Due::timeMs)
              .max()
              .ifPresent(t -> deliveredThrough.put(symbol, Math.max(through, t)));
        });
    due.sort(Comparator.comparingLong(Due::timeMs).thenComparingInt(Due::index));
    due.forEach(d -> sink.settle(d.index(), d.timeMs(), d.rate()));
  }
}
