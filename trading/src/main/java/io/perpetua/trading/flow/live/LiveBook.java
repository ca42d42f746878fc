package io.perpetua.trading.flow.live;

import io.perpetua.core.order.OrderSide;
import java.math.BigDecimal;

/**
 * The venue fills of one strategy on one symbol: position, average entry (average-cost), realised
 * pnl, fees and execution quality against the paper prices. Guarded by the executor's lock.
 */
final class LiveBook {
  BigDecimal quantity = BigDecimal.ZERO;
  double averageEntry = Double.NaN;
  double realized;
  double fees;
  double makerNotional;
  double takerNotional;
  double slippageCost;
  double paperNotional;
  int orders;
  int fills;

  /** Books a fill; returns the pnl it realised (0 when it only added to the position). */
  double apply(
      OrderSide side, BigDecimal qty, double price, double fee, boolean maker, double paperPrice) {
    fills++;
    fees += fee;
    double q = qty.doubleValue();
    if (maker) {
      makerNotional += price * q;
    } else {
      takerNotional += price * q;
    }
    int sign = side == OrderSide.BUY ? 1 : -1;
    if (paperPrice > 0) {
      slippageCost += sign * (price - paperPrice) * q;
      paperNotional += paperPrice * q;
    }
    BigDecimal signed = sign > 0 ? qty : qty.negate();
    if (quantity.signum() == 0 || quantity.signum() == sign) {
      double held = quantity.abs().doubleValue();
      averageEntry = held == 0 ? price : (averageEntry * held + price * q) / (held + q);
      quantity = quantity.add(signed);
      return 0;
    }
    int before = quantity.signum();
    double closing = qty.min(quantity.abs()).doubleValue();
    double pnl = before * (price - averageEntry) * closing;
    realized += pnl;
    quantity = quantity.add(signed);
    if (quantity.signum() == 0) {
      averageEntry = Double.NaN;
    } else if (quantity.signum() != before) {
      averageEntry = price; // reversed: the rest opened at this fill
    }
    return pnl;
  }

  /** The open position's pnl at {@code mark} (0 when flat or without a mark). */
  double unrealized(double mark) {
    return quantity.signum() == 0 || !(mark > 0)
        ? 0
        : quantity.doubleValue() * (mark - averageEntry);
  }

  /** Fills against the paper prices in bps (NaN before a fill with a paper price). */
  double slippageBps() {
    return paperNotional > 0 ? slippageCost / paperNotional * 1e4 : Double.NaN;
  }

  /** The maker share of the filled notional (NaN before a fill). */
  double makerShare() {
    double total = makerNotional + takerNotional;
    return total > 0 ? makerNotional / total : Double.NaN;
  }
}
