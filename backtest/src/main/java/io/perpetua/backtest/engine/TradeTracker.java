package io.perpetua.backtest.engine;

import io.perpetua.core.order.Fill;
import io.perpetua.jobs.TradeRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Builds round trips from fills and funding, per symbol: a trade opens when a position leaves zero,
 * grows or shrinks with later fills, and closes when it returns to zero; a fill that crosses zero
 * closes one trade and opens the next with the remainder (fees split by quantity). Funding is
 * credited to the open trade of its symbol. Not thread-safe.
 */
final class TradeTracker {
  private static final double EPS = 1e-12;

  private static final class Open {
    final String symbol;
    final long entryTime;
    final double sign;
    double qty;
    double avgEntry;
    double maxQty;
    double exitQty;
    double exitValue;
    double gross;
    double fees;
    double funding;

    Open(String symbol, long entryTime, double sign) {
      this.symbol = symbol;
      this.entryTime = entryTime;
      this.sign = sign;
    }
  }

  private final Map<String, Open> open = new HashMap<>();
  private final List<TradeRecord> closed = new ArrayList<>();

  void onFill(Fill fill, String symbol) {
    double q = fill.side().sign() * fill.quantity().toDouble();
    double price = fill.price().toDouble();
    double fee = fill.fee().toDouble();
    Open t = open.get(symbol);
    if (t == null || Math.abs(t.qty) < EPS) {
      t = new Open(symbol, fill.timeMs(), Math.signum(q));
      open.put(symbol, t);
    }
    if (t.qty == 0 || Math.signum(t.qty) == Math.signum(q)) {
      t.avgEntry =
          (t.avgEntry * Math.abs(t.qty) + price * Math.abs(q)) / (Math.abs(t.qty) + Math.abs(q));
      t.qty += q;
      t.maxQty = Math.max(t.maxQty, Math.abs(t.qty));
      t.fees += fee;
      return;
    }
    double closing = Math.min(Math.abs(q), Math.abs(t.qty));
    double share = closing / Math.abs(q);
    t.gross += Math.signum(t.qty) * (price - t.avgEntry) * closing;
    t.fees += fee * share;
    t.exitQty += closing;
    t.exitValue += price * closing;
    t.qty += Math.signum(q) * closing;
    if (Math.abs(t.qty) < EPS) {
      close(t, fill.timeMs());
      double rest = Math.abs(q) - closing;
      if (rest > EPS) {
        Open next = new Open(symbol, fill.timeMs(), Math.signum(q));
        next.qty = Math.signum(q) * rest;
        next.avgEntry = price;
        next.maxQty = rest;
        next.fees = fee * (1 - share);
        open.put(symbol, next);
      }
    }
  }

  void onFunding(String symbol, double amount) {
    Open t = open.get(symbol);
    if (t != null && Math.abs(t.qty) > EPS) {
      t.funding += amount;
    }
  }

  private void close(Open t, long time) {
    open.remove(t.symbol);
    double exitPrice = t.exitQty > 0 ? t.exitValue / t.exitQty : Double.NaN;
    closed.add(
        new TradeRecord(
            t.symbol,
            t.sign > 0 ? "long" : "short",
            t.entryTime,
            time,
            t.maxQty,
            t.avgEntry,
            exitPrice,
            t.gross,
            t.fees,
            t.funding,
            t.gross - t.fees + t.funding));
  }

  /**
   * Per-symbol net PnL of the trades still open, marked at {@code mark(symbol)}: price PnL of the
   * open quantity − fees + funding so far.
   */
  Map<String, double[]> openPnl(ToDoubleFunction<String> mark) {
    Map<String, double[]> out = new HashMap<>();
    for (Open t : open.values()) {
      if (Math.abs(t.qty) > EPS) {
        double m = mark.applyAsDouble(t.symbol);
        double unrealized = m > 0 ? (m - t.avgEntry) * t.qty : 0.0;
        out.put(
            t.symbol, new double[] {t.gross + unrealized - t.fees + t.funding, t.fees, t.funding});
      }
    }
    return out;
  }

  List<TradeRecord> closed() {
    return List.copyOf(closed);
  }
}
