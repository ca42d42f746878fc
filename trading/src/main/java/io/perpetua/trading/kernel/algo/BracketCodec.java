package io.perpetua.trading.kernel.algo;

import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;

/**
 * Writes a {@link BracketOrder}'s state as one line for the kernel checkpoint cursor and reads it
 * back after a restart (exact: raw fixed-point values). Stateless.
 */
final class BracketCodec {
  private BracketCodec() {}

  /** The state of {@code o} as one line (after {@link BracketSpec#encode}). */
  static String encode(BracketOrder o) {
    StringBuilder b = new StringBuilder();
    b.append(o.phase).append(';').append(o.exit).append(';').append(o.entered.raw()).append(';');
    b.append(o.exited.raw()).append(';').append(o.entryCost.raw()).append(';');
    b.append(o.exitProceeds.raw()).append(';').append(o.fees.raw()).append(';');
    b.append(o.makerQty.raw()).append(';').append(raw(o.stop)).append(';').append(raw(o.tp1));
    b.append(';').append(raw(o.tp2)).append(';').append(o.tp1Done).append(';').append(o.openedMs);
    b.append(';')
        .append(o.closedMs)
        .append(';')
        .append(o.deadlineMs)
        .append(';')
        .append(o.touchMs[0]);
    b.append(';').append(o.touchMs[1]).append(';').append(o.lockLeg).append(';').append(o.lockExit);
    b.append(';').append(o.lastPrice).append(';');
    for (BracketLeg l : o.legs.values()) {
      b.append(l.name).append(':').append(l.quantity.raw()).append(':').append(l.filled.raw());
      b.append(':').append(l.working).append(',');
    }
    b.append(';').append(o.retryLeg).append(';').append(o.retryAttempt);
    return b.toString();
  }

  private static String raw(Price p) {
    return p == null ? "" : Long.toString(p.raw());
  }

  /** Rebuilds a bracket from {@link #encode}; the lock's cancels are sent again (idempotent). */
  static BracketOrder decode(BracketSpec spec, String line, OrderGateway gateway) {
    BracketOrder o = new BracketOrder(spec, gateway);
    String[] f = line.split(";", -1);
    int qs = spec.quantity().scale();
    int ps = spec.instrument().priceScale();
    o.phase = BracketOrder.Phase.valueOf(f[0]);
    o.exit = BracketOrder.Exit.valueOf(f[1]);
    o.entered = new Quantity(Long.parseLong(f[2]), qs);
    o.exited = new Quantity(Long.parseLong(f[3]), qs);
    o.entryCost = new Money(Long.parseLong(f[4]));
    o.exitProceeds = new Money(Long.parseLong(f[5]));
    o.fees = new Money(Long.parseLong(f[6]));
    o.makerQty = new Quantity(Long.parseLong(f[7]), qs);
    o.stop = f[8].isEmpty() ? null : new Price(Long.parseLong(f[8]), ps);
    o.tp1 = f[9].isEmpty() ? null : new Price(Long.parseLong(f[9]), ps);
    o.tp2 = f[10].isEmpty() ? null : new Price(Long.parseLong(f[10]), ps);
    o.tp1Done = Boolean.parseBoolean(f[11]);
    o.openedMs = Long.parseLong(f[12]);
    o.closedMs = Long.parseLong(f[13]);
    o.deadlineMs = Long.parseLong(f[14]);
    o.touchMs[0] = Long.parseLong(f[15]);
    o.touchMs[1] = Long.parseLong(f[16]);
    o.lockLeg = f[17];
    o.lockExit = BracketOrder.Exit.valueOf(f[18]);
    o.lastPrice = Double.parseDouble(f[19]);
    for (String leg : f[20].split(",")) {
      if (!leg.isEmpty()) {
        String[] g = leg.split(":");
        o.legs.put(
            g[0],
            new BracketLeg(
                g[0],
                o.idOf(g[0]),
                new Quantity(Long.parseLong(g[1]), qs),
                new Quantity(Long.parseLong(g[2]), qs),
                Boolean.parseBoolean(g[3])));
      }
    }
    if (f.length > 22) { // a pending exit retry (absent in cursors written before retries)
      o.retryLeg = f[21];
      o.retryAttempt = Integer.parseInt(f[22]);
    }
    if (!o.lockLeg.isEmpty()) {
      for (BracketLeg l : o.legs.values()) {
        if (l.working && !l.name.endsWith("-mkt") && o.waitsFor(l.name)) {
          gateway.cancel(l.id);
        }
      }
    }
    return o;
  }
}
