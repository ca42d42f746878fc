package io.perpetua.signals.flow;

/**
 * The raw inputs of one evaluation, read from a symbol's {@link FlowState} (and the strategy's CVD
 * momentum) at evaluation time. Missing optional inputs are NaN; quantities are in base units,
 * notional in quote currency. Scoring is a pure function of this record.
 *
 * <p>Immutable.
 *
 * @param timeMs the evaluation time, epoch ms
 * @param price the last trade price
 * @param atr ATR(5 m, 14, Wilder) of completed candles
 * @param atrPercentile rank of the ATR among the last 24 h of ATR values, 0–100
 * @param cvdFast CVD (taker buy − sell quantity) over the fast window
 * @param cvdSlow CVD over the slow window
 * @param cvdSlope change of the fast CVD since the previous evaluation (NaN on the first)
 * @param cvdAcceleration change of the slope (NaN until two slopes exist)
 * @param vwapFast VWAP over the fast window
 * @param vwapSlow VWAP over the slow window
 * @param p95 P95 trade quantity over 24 h (with floors/defaults)
 * @param p99 P99 trade quantity over 24 h (with floors/defaults)
 * @param largeBuyQty taker-buy quantity of trades ≥ P99 in the recent window
 * @param largeSellQty taker-sell quantity of trades ≥ P99 in the recent window
 * @param whaleBuyUsd taker-buy notional of whale-flow trades in the recent window
 * @param whaleSellUsd taker-sell notional of whale-flow trades in the recent window
 * @param maxBuyNotional the largest notional of a large (≥ P99) taker-buy trade in the recent
 *     window (0 if none)
 * @param maxSellNotional the largest notional of a large (≥ P99) taker-sell trade in the recent
 *     window (0 if none)
 * @param longShortRatio global long/short account ratio (NaN if missing)
 * @param topTraderLongShare top traders' long share of positions, 0–1 (NaN if missing)
 * @param oiChange relative open-interest change over the look-back (NaN if missing)
 * @param fundingRate current funding rate (NaN if missing)
 * @param maxAbsFunding the historical maximum absolute funding rate (NaN if unknown)
 * @param liquidatedLongUsd long positions liquidated (SELL orders) in the liquidation window, USD
 * @param liquidatedShortUsd short positions liquidated (BUY orders) in the liquidation window, USD
 * @param bookImbalance 10-level book imbalance (NaN if missing)
 * @param spotPerpDivergence (spot mid − mark)/mark (NaN if missing)
 * @param premium the auxiliary premium (spot over perp, positive favours longs; NaN if missing)
 */
public record FlowInputs(
    long timeMs,
    double price,
    double atr,
    double atrPercentile,
    double cvdFast,
    double cvdSlow,
    double cvdSlope,
    double cvdAcceleration,
    double vwapFast,
    double vwapSlow,
    double p95,
    double p99,
    double largeBuyQty,
    double largeSellQty,
    double whaleBuyUsd,
    double whaleSellUsd,
    double maxBuyNotional,
    double maxSellNotional,
    double longShortRatio,
    double topTraderLongShare,
    double oiChange,
    double fundingRate,
    double maxAbsFunding,
    double liquidatedLongUsd,
    double liquidatedShortUsd,
    double bookImbalance,
    double spotPerpDivergence,
    double premium) {

  /** Validates the always-present fields. */
  public FlowInputs {
    if (!(price > 0)) {
      throw new IllegalArgumentException("price must be positive: " + price);
    }
  }

  /** {@code (whaleBuyUsd − whaleSellUsd)/(whaleBuyUsd + whaleSellUsd)}, NaN without whale flow. */
  public double whaleCvdRatio() {
    double total = whaleBuyUsd + whaleSellUsd;
    return total > 0 ? (whaleBuyUsd - whaleSellUsd) / total : Double.NaN;
  }

  /** A builder starting from neutral values (price 100, ATR 1, everything else empty/NaN). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.timeMs = timeMs;
    b.price = price;
    b.atr = atr;
    b.atrPercentile = atrPercentile;
    b.cvdFast = cvdFast;
    b.cvdSlow = cvdSlow;
    b.cvdSlope = cvdSlope;
    b.cvdAcceleration = cvdAcceleration;
    b.vwapFast = vwapFast;
    b.vwapSlow = vwapSlow;
    b.p95 = p95;
    b.p99 = p99;
    b.largeBuyQty = largeBuyQty;
    b.largeSellQty = largeSellQty;
    b.whaleBuyUsd = whaleBuyUsd;
    b.whaleSellUsd = whaleSellUsd;
    b.maxBuyNotional = maxBuyNotional;
    b.maxSellNotional = maxSellNotional;
    b.longShortRatio = longShortRatio;
    b.topTraderLongShare = topTraderLongShare;
    b.oiChange = oiChange;
    b.fundingRate = fundingRate;
    b.maxAbsFunding = maxAbsFunding;
    b.liquidatedLongUsd = liquidatedLongUsd;
    b.liquidatedShortUsd = liquidatedShortUsd;
    b.bookImbalance = bookImbalance;
    b.spotPerpDivergence = spotPerpDivergence;
    b.premium = premium;
    return b;
  }

  /** Builds {@link FlowInputs} field by field (tests, replays). Not thread-safe. */
  public static final class Builder {
    private long timeMs;
    private double price;
    private double atr;
    private double atrPercentile;
    private double cvdFast;
    private double cvdSlow;
    private double cvdSlope = Double.NaN;
    private double cvdAcceleration = Double.NaN;
    private double vwapFast;
    private double vwapSlow;
    private double p95;
    private double p99;
    private double largeBuyQty;
    private double largeSellQty;
    private double whaleBuyUsd;
    private double whaleSellUsd;
    private double maxBuyNotional;
    private double maxSellNotional;
    private double longShortRatio = Double.NaN;
    private double topTraderLongShare = Double.NaN;
    private double oiChange = Double.NaN;
    private double fundingRate = Double.NaN;
    private double maxAbsFunding = Double.NaN;
    private double liquidatedLongUsd;
    private double liquidatedShortUsd;
    private double bookImbalance = Double.NaN;
    private double spotPerpDivergence = Double.NaN;
    private double premium = Double.NaN;

    private Builder() {
      price = 100;
      atr = 1;
      atrPercentile = 50;
      vwapFast = 100;
      vwapSlow = 100;
      p95 = 5;
      p99 = 10;
    }

    /** Sets timeMs. */
    public Builder timeMs(long value) {
      this.timeMs = value;
      return this;
    }

    /** Sets price. */
    public Builder price(double value) {
      this.price = value;
      return this;
    }

    /** Sets atr. */
    public Builder atr(double value) {
      this.atr = value;
      return this;
    }

    /** Sets atrPercentile. */
    public Builder atrPercentile(double value) {
      this.atrPercentile = value;
      return this;
    }

    /** Sets cvdFast. */
    public Builder cvdFast(double value) {
      this.cvdFast = value;
      return this;
    }

    /** Sets cvdSlow. */
    public Builder cvdSlow(double value) {
      this.cvdSlow = value;
      return this;
    }

    /** Sets cvdSlope. */
    public Builder cvdSlope(double value) {
      this.cvdSlope = value;
      return this;
    }

    /** Sets cvdAcceleration. */
    public Builder cvdAcceleration(double value) {
      this.cvdAcceleration = value;
      return this;
    }

    /** Sets vwapFast. */
    public Builder vwapFast(double value) {
      this.vwapFast = value;
      return this;
    }

    /** Sets vwapSlow. */
    public Builder vwapSlow(double value) {
      this.vwapSlow = value;
      return this;
    }

    /** Sets p95. */
    public Builder p95(double value) {
      this.p95 = value;
      return this;
    }

    /** Sets p99. */
    public Builder p99(double value) {
      this.p99 = value;
      return this;
    }

    /** Sets largeBuyQty. */
    public Builder largeBuyQty(double value) {
      this.largeBuyQty = value;
      return this;
    }

    /** Sets largeSellQty. */
    public Builder largeSellQty(double value) {
      this.largeSellQty = value;
      return this;
    }

    /** Sets whaleBuyUsd. */
    public Builder whaleBuyUsd(double value) {
      this.whaleBuyUsd = value;
      return this;
    }

    /** Sets whaleSellUsd. */
    public Builder whaleSellUsd(double value) {
      this.whaleSellUsd = value;
      return this;
    }

    /** Sets maxBuyNotional. */
    public Builder maxBuyNotional(double value) {
      this.maxBuyNotional = value;
      return this;
    }

    /** Sets maxSellNotional. */
    public Builder maxSellNotional(double value) {
      this.maxSellNotional = value;
      return this;
    }

    /** Sets longShortRatio. */
    public Builder longShortRatio(double value) {
      this.longShortRatio = value;
      return this;
    }

    /** Sets topTraderLongShare. */
    public Builder topTraderLongShare(double value) {
      this.topTraderLongShare = value;
      return this;
    }

    /** Sets oiChange. */
    public Builder oiChange(double value) {
      this.oiChange = value;
      return this;
    }

    /** Sets fundingRate. */
    public Builder fundingRate(double value) {
      this.fundingRate = value;
      return this;
    }

    /** Sets maxAbsFunding. */
    public Builder maxAbsFunding(double value) {
      this.maxAbsFunding = value;
      return this;
    }

    /** Sets liquidatedLongUsd. */
    public Builder liquidatedLongUsd(double value) {
      this.liquidatedLongUsd = value;
      return this;
    }

    /** Sets liquidatedShortUsd. */
    public Builder liquidatedShortUsd(double value) {
      this.liquidatedShortUsd = value;
      return this;
    }

    /** Sets bookImbalance. */
    public Builder bookImbalance(double value) {
      this.bookImbalance = value;
      return this;
    }

    /** Sets spotPerpDivergence. */
    public Builder spotPerpDivergence(double value) {
      this.spotPerpDivergence = value;
      return this;
    }

    /** Sets premium. */
    public Builder premium(double value) {
      this.premium = value;
      return this;
    }

    /** The record. */
    public FlowInputs build() {
      return new FlowInputs(
          timeMs,
          price,
          atr,
          atrPercentile,
          cvdFast,
          cvdSlow,
          cvdSlope,
          cvdAcceleration,
          vwapFast,
          vwapSlow,
          p95,
          p99,
          largeBuyQty,
          largeSellQty,
          whaleBuyUsd,
          whaleSellUsd,
          maxBuyNotional,
          maxSellNotional,
          longShortRatio,
          topTraderLongShare,
          oiChange,
          fundingRate,
          maxAbsFunding,
          liquidatedLongUsd,
          liquidatedShortUsd,
          bookImbalance,
          spotPerpDivergence,
          premium);
    }
  }
}
