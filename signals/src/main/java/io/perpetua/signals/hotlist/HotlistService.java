package io.perpetua.signals.hotlist;

import io.perpetua.signals.hotlist.HotlistException.Kind;
import io.perpetua.signals.hotlist.HotlistStore.WhitelistEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The hot-coin list (003 §10, issue 17 item 5): scans as of a timestamp into the store, and the
 * human decisions: a candidate approved before its expiry joins the whitelist (and {@code
 * onApproved} hears the symbol: the platform lets the kernel's risk engine trade it); rejected or
 * expired candidates never do. One scan per timestamp: scanning a timestamp again returns the
 * stored scan with its decisions. The orchestrator's hourly job calls {@link #scan} through the
 * same seam the API does. Thread-safe (the store decides races).
 */
public final class HotlistService {
  private final HotlistConfig config;
  private final HotInputsSource source;
  private final HotlistStore store;
  private final LongSupplier clock;
  private final Consumer<String> onApproved;

  /** A service over {@code source} and {@code store}; {@code clock} is the wall clock. */
  public HotlistService(
      HotlistConfig config,
      HotInputsSource source,
      HotlistStore store,
      LongSupplier clock,
      Consumer<String> onApproved) {
    this.config = Objects.requireNonNull(config, "config");
    this.source = Objects.requireNonNull(source, "source");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onApproved = Objects.requireNonNull(onApproved, "onApproved");
  }

  /** The configuration. */
  public HotlistConfig config() {
    return config;
  }

  /** Scans as of {@code ts} keeping the top {@code top} (null: the configured N). */
  public HotScan scan(long ts, Integer top) {
    Optional<HotScan> stored = store.scan(ts);
    if (stored.isPresent()) {
      return stored.get();
    }
    HotlistConfig c = top == null ? config : config.withTop(top);
    List<HotInputs> inputs;
    try {
      inputs = source.load(ts, c.lookbackDays());
    } catch (IOException e) {
      throw new UncheckedIOException("hotlist: reading the market data failed", e);
    }
    HotScan scan = new HotScorer(c).scan(inputs, ts, clock.getAsLong());
    return store.insert(scan) ? scan : store.scan(ts).orElse(scan);
  }

  /** The latest scan. */
  public Optional<HotScan> latest() {
    return store.latest();
  }

  /** The scan as of {@code ts}. */
  public Optional<HotScan> at(long ts) {
    return store.scan(ts);
  }

  /** The now-time of this service's clock (statuses are read at it). */
  public long now() {
    return clock.getAsLong();
  }

  /**
   * The candidate {@code symbol} of the scan at {@code ts}, checked to be still decidable.
   *
   * @throws HotlistException NOT_FOUND, EXPIRED or DECIDED
   */
  public HotCoin candidate(long ts, String symbol) {
    HotScan scan =
        store
            .scan(ts)
            .orElseThrow(
                () -> new HotlistException(Kind.NOT_FOUND, "no hot-coin scan at ts " + ts));
    HotCoin coin =
        scan.coins().stream()
            .filter(c -> c.symbol().equals(symbol))
            .findFirst()
            .orElseThrow(
                () ->
                    new HotlistException(
                        Kind.NOT_FOUND, symbol + " is not in the hot-coin scan at ts " + ts));
    String status = coin.statusAt(now());
    if (HotCoin.EXPIRED.equals(status)) {
      throw new HotlistException(
          Kind.EXPIRED, symbol + " expired undecided at " + coin.expiresAtMs());
    }
    if (!HotCoin.CANDIDATE.equals(status)) {
      throw new HotlistException(Kind.DECIDED, symbol + " is already " + status);
    }
    return coin;
  }

  /** Approves a candidate: it joins the whitelist. */
  public HotCoin approve(long ts, String symbol, String by, String reason) {
    HotCoin decided = decide(ts, symbol, HotCoin.APPROVED, by, reason);
    store.whitelist(new WhitelistEntry(symbol, by, decided.decidedAtMs(), ts, decided.reason()));
    onApproved.accept(symbol);
    return decided;
  }

  /** Rejects a candidate. */
  public HotCoin reject(long ts, String symbol, String by, String reason) {
    return decide(ts, symbol, HotCoin.REJECTED, by, reason);
  }

  private HotCoin decide(long ts, String symbol, String status, String by, String reason) {
    HotCoin coin = candidate(ts, symbol);
    HotCoin decided = coin.decided(status, by, now(), reason);
    if (!store.decide(decided)) {
      throw new HotlistException(Kind.DECIDED, symbol + " was decided already");
    }
    return decided;
  }

  /** The whitelist. */
  public List<WhitelistEntry> whitelist() {
    return store.whitelist();
  }
}
