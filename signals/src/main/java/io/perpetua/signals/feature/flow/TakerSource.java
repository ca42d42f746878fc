package io.perpetua.signals.feature.flow;

/**
 * Where the taker-side (aggressor) split of a bar's volume came from, best first. A feature value
 * over a window records the weakest source any of its bars used, so a value that needed an estimate
 * says so.
 */
public enum TakerSource {
  /** Individual trades with their taker side, aggregated per bar. */
  TICKS("ticks"),
  /** The bar's {@code taker_buy_quote_volume} (Binance's 12-column kline layout). */
  KLINE("kline_taker_buy_volume"),
  /**
   * Bulk volume classification (Easley, López de Prado and O'Hara 2012): the buy share of a bar's
   * volume is {@code Φ(r / σ)}, its return over the standard deviation of the window's returns.
   */
  BVC("bulk_volume_classification"),
  /** No usable source: no volume in the window, or too few bars to estimate. */
  NONE("none");

  private final String label;

  TakerSource(String label) {
    this.label = label;
  }

  /** The name shown in reports and APIs, e.g. {@code bulk_volume_classification}. */
  public String label() {
    return label;
  }

  /** The weaker of two sources (the one later in the declaration order). */
  public TakerSource weakest(TakerSource other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /** Decodes {@link #ordinal()}; out-of-range codes are {@link #NONE}. */
  public static TakerSource of(int code) {
    TakerSource[] all = values();
    return code >= 0 && code < all.length ? all[code] : NONE;
  }
}
