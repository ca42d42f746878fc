package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.signals.flow.FlowEvaluation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Back-fills labels of directional evaluations from the trade-price path (spec §5). Trades are
 * folded into one-second bars (high, low, close) per symbol, O(1) per trade; each completed bar is
 * applied to the symbol's pending labels, O(pending) per second. A horizon's price is the last
 * trade price before the horizon (horizons fall on whole seconds because evaluations do);
 * excursions and the +2×ATR / −1×ATR race use every bar before +60 min; when one bar touches both
 * levels the race counts as lost (conservative).
 *
 * <p>Not thread-safe.
 */
public final class LabelTracker {
  private static final long M15 = 900_000L;
  private static final long M30 = 1_800_000L;
  private static final long M60 = 3_600_000L;

  private final double roundTripFee;
  private final Map<InstrumentId, ArrayDeque<Pending>> pending = new TreeMap<>();
  private final Map<InstrumentId, Bar> bars = new TreeMap<>();

  /** Net returns subtract {@code roundTripFee} (e.g. two taker fees). */
  public LabelTracker(double roundTripFee) {
    this.roundTripFee = roundTripFee;
  }

  /** Starts a label for {@code e} unless it has no direction or no ATR. */
  public void track(FlowEvaluation e, String engineInstance, double rUnit) {
    double atr = e.inputs().atr();
    if (e.direction() == FlowDirection.NONE || !(atr > 0) || !(rUnit > 0)) {
      return;
    }
    double p = e.inputs().price();
    flush(e.instrument());
    add(
        new LabelSnapshot(
            FeatureEvent.idOf(e),
            e.strategyId(),
            e.strategyVersion(),
            e.configHash(),
            engineInstance,
            e.instrument(),
            e.timeMs(),
            e.direction(),
            p,
            atr,
            rUnit,
            p,
            Double.NaN,
            Double.NaN,
            0,
            0,
            -1));
  }

  private void add(LabelSnapshot s) {
    pending.computeIfAbsent(s.instrument(), k -> new ArrayDeque<>()).add(new Pending(s));
  }

  /** Applies a trade; labels completed by earlier seconds go to {@code sink}. */
  public void onTrade(
      InstrumentId instrument, long timeMs, double price, Consumer<LabelEvent> sink) {
    long second = Math.floorDiv(timeMs, 1000L);
    Bar bar = bars.get(instrument);
    if (bar == null) {
      bar = new Bar();
      bars.put(instrument, bar);
    } else if (bar.open && bar.second != second) {
      apply(instrument, bar, sink);
    }
    if (!bar.open) {
      bar.open = true;
      bar.second = second;
      bar.high = bar.low = price;
    }
    bar.high = Math.max(bar.high, price);
    bar.low = Math.min(bar.low, price);
    bar.close = price;
  }

  private void flush(InstrumentId instrument) {
    Bar bar = bars.get(instrument);
    if (bar != null && bar.open) {
      apply(
          instrument,
          bar,
          l -> {
            throw new IllegalStateException("a label completed inside its own second");
          });
    }
  }

  private void apply(InstrumentId instrument, Bar bar, Consumer<LabelEvent> sink) {
    bar.open = false;
    ArrayDeque<Pending> q = pending.get(instrument);
    if (q == null) {
      return;
    }
    Iterator<Pending> it = q.iterator();
    while (it.hasNext()) {
      Pending p = it.next();
      LabelEvent done = p.onBar(bar.second * 1000L, bar.high, bar.low, bar.close, roundTripFee);
      if (done != null) {
        it.remove();
        sink.accept(done);
      }
    }
  }

  /** Pending labels (all symbols). */
  public int size() {
    int n = 0;
    for (ArrayDeque<Pending> q : pending.values()) {
      n += q.size();
    }
    return n;
  }

  /** Every pending label's progress, by symbol, in completion order. */
  public List<LabelSnapshot> snapshot() {
    List<LabelSnapshot> out = new ArrayList<>();
    pending.values().forEach(q -> q.forEach(p -> out.add(p.snapshot())));
    return out;
  }

  /** The open one-second bars. */
  public List<LabelBar> bars() {
    List<LabelBar> out = new ArrayList<>();
    bars.forEach(
        (i, b) -> {
          if (b.open) {
            out.add(new LabelBar(i, b.second, b.high, b.low, b.close));
          }
        });
    return out;
  }

  /** Replaces the pending labels and open bars. */
  public void restore(List<LabelSnapshot> labels, List<LabelBar> openBars) {
    pending.clear();
    labels.forEach(this::add);
    bars.clear();
    for (LabelBar b : openBars) {
      Bar bar = new Bar();
      bar.open = true;
      bar.second = b.second();
      bar.high = b.high();
      bar.low = b.low();
      bar.close = b.close();
      bars.put(b.instrument(), bar);
    }
  }

  private static final class Bar {
    boolean open;
    long second;
    double high;
    double low;
    double close;
  }

  private static final class Pending {
    final LabelSnapshot s;
    double lastPrice;
    double ret15;
    double ret30;
    double fav;
    double adv;
    int outcome;

    Pending(LabelSnapshot s) {
      this.s = s;
      this.lastPrice = s.lastPrice();
      this.ret15 = s.netReturn15m();
      this.ret30 = s.netReturn30m();
      this.fav = s.maxFavourable();
      this.adv = s.maxAdverse();
      this.outcome = s.outcome();
    }

    LabelEvent onBar(long t, double high, double low, double close, double fee) {
      long age = t - s.timeMs();
      if (age >= M15 && Double.isNaN(ret15)) {
        ret15 = net(lastPrice, fee);
      }
      if (age >= M30 && Double.isNaN(ret30)) {
        ret30 = net(lastPrice, fee);
      }
      if (age >= M60) {
        return new LabelEvent(
            s.evaluationId(),
            s.strategyId(),
            s.strategyVersion(),
            s.configHash(),
            s.engineInstance(),
            s.instrument(),
            s.timeMs(),
            s.direction(),
            s.price(),
            s.atr(),
            ret15,
            ret30,
            net(lastPrice, fee),
            outcome == 1 ? 1 : 0,
            fav / s.rUnit(),
            adv / s.rUnit());
      }
      int sign = s.direction().sign();
      double best = sign > 0 ? high - s.price() : s.price() - low;
      double worst = sign > 0 ? s.price() - low : high - s.price();
      fav = Math.max(fav, best);
      adv = Math.max(adv, worst);
      if (outcome == -1) {
        if (worst >= s.atr()) {
          outcome = 0;
        } else if (best >= 2 * s.atr()) {
          outcome = 1;
        }
      }
      lastPrice = close;
      return null;
    }

    double net(double p, double fee) {
      return s.direction().sign() * (p / s.price() - 1) - fee;
    }

    LabelSnapshot snapshot() {
      return new LabelSnapshot(
          s.evaluationId(),
          s.strategyId(),
          s.strategyVersion(),
          s.configHash(),
          s.engineInstance(),
          s.instrument(),
          s.timeMs(),
          s.direction(),
          s.price(),
          s.atr(),
          s.rUnit(),
          lastPrice,
          ret15,
          ret30,
          fav,
          adv,
          outcome);
    }
  }
}
