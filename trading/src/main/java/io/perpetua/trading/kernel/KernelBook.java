package io.perpetua.trading.kernel;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Quantity;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.risk.RiskEngine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The kernel's marked book by dense instrument index: the latest mark of each instrument and a
 * {@code double} mirror of the account's positions, refreshed on every fill (equity is marked on
 * every step, and a map lookup per position per step dominated the replay profile). The account
 * stays the fixed-point truth; the mirror only marks it. Kernel thread only.
 */
final class KernelBook {
  final double[] marks;
  final long[] markTimes;
  final double[] positionQty;
  final double[] positionCost;
  // when each position was opened (after a restart: the restart time, not journaled)
  final long[] openedAt;
  private final List<Instrument> instruments;
  private final Map<InstrumentId, Integer> index;
  private final RiskEngine risk;
  private final Clock clock;
  private Account account;

  KernelBook(
      List<Instrument> instruments,
      Map<InstrumentId, Integer> index,
      RiskEngine risk,
      Clock clock) {
    int n = instruments.size();
    this.instruments = instruments;
    this.index = index;
    this.risk = risk;
    this.clock = clock;
    this.marks = new double[n];
    this.markTimes = new long[n];
    this.positionQty = new double[n];
    this.positionCost = new double[n];
    this.openedAt = new long[n];
    Arrays.fill(marks, Double.NaN);
  }

  /** The account this book marks (from {@link TradingKernel#resume}). */
  void use(Account account) {
    this.account = account;
  }

  Account account() {
    return account;
  }

  /** The marks as the order path reads them (a view, not a copy). */
  Marks view() {
    return new Marks(marks, markTimes);
  }

  /** A new mark of instrument {@code i}. */
  void mark(int i, double price, long timeMs) {
    marks[i] = price;
    markTimes[i] = timeMs;
  }

  /** Each instrument's latest close of the 30 days up to bar {@code upTo} (after a restart). */
  void refresh(MarketPanel panel, int upTo) {
    for (int i = 0; i < instruments.size(); i++) {
      for (int t = upTo; t >= 0 && t > upTo - 24 * 30; t--) {
        double c = panel.close(t, i);
        if (c > 0) {
          mark(i, c, panel.closeTime(t));
          break;
        }
      }
    }
  }

  /** Refreshes the mirror of {@code id} from the account (after a fill, an adoption, a restart). */
  void sync(InstrumentId id) {
    Integer i = index.get(id);
    var p = account.position(id);
    if (i != null) {
      double q = p == null ? 0.0 : p.quantity().toDouble();
      if (q == 0) {
        if (positionQty[i] != 0) {
          risk.positionClosed(id, clock.nowMillis());
        }
      } else if (positionQty[i] == 0 || Math.signum(q) != Math.signum(positionQty[i])) {
        openedAt[i] = clock.nowMillis();
      }
      positionQty[i] = q;
      positionCost[i] = p == null ? 0.0 : p.entryCost().toDouble();
    }
  }

  /** Equity at the latest marks from the position mirror (hot path: every step). */
  double equity() {
    double u = 0;
    for (int i = 0; i < marks.length; i++) {
      double q = positionQty[i];
      if (q != 0 && marks[i] > 0) {
        u += q * marks[i] - positionCost[i];
      }
    }
    return account.wallet().toDouble() + u;
  }

  /** The account's position per instrument (dense index; null when flat). */
  Quantity[] positions() {
    Quantity[] positions = new Quantity[instruments.size()];
    for (int i = 0; i < positions.length; i++) {
      var p = account.position(instruments.get(i).id());
      positions[i] = p == null ? null : p.quantity();
    }
    return positions;
  }

  /**
   * Takes the venue's position in {@code instrument} as the truth: the account holds {@code
   * quantity} from now on, entered at the current mark (so no PnL is invented).
   */
  void adopt(InstrumentId instrument, BigDecimal quantity) {
    Integer i = index.get(instrument);
    if (i == null) {
      throw new IllegalArgumentException("not traded by this kernel: " + instrument);
    }
    Instrument inst = instruments.get(i);
    double mark = marks[i] > 0 ? marks[i] : 0.0;
    account.adopt(
        instrument,
        Quantity.of(
            quantity.setScale(inst.quantityScale(), RoundingMode.HALF_EVEN), inst.quantityScale()),
        mark);
    sync(instrument);
  }
}
