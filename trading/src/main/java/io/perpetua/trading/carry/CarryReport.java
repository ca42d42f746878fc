package io.perpetua.trading.carry;

import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A carry's report per period (8 h, UTC day, ISO week from Monday, UTC month), computed from the
 * stored records of one mode: funding income per settlement, fees and PnL per leg from the ledger's
 * fills, the largest hedge deviation of the position snapshots, and the risk events. A leg's PnL in
 * a period is its trading cash flow ({@code +qty × price} sold, {@code −qty × price} bought) minus
 * fees plus the change of its position's value at the leg's last fill price (mark-to-last-fill: the
 * records hold no other price); funding is reported apart. Periods without a record are left out.
 * Stateless.
 */
public final class CarryReport {
  private CarryReport() {}

  /** A report period, by its query code. */
  public enum Period {
    /** 00:00, 08:00, 16:00 UTC: the funding settlements' periods. */
    EIGHT_HOURS("8h"),
    /** A UTC day. */
    DAY("day"),
    /** An ISO week, Monday 00:00 UTC. */
    WEEK("week"),
    /** A UTC calendar month. */
    MONTH("month");

    private static final long EIGHT_H = 8 * 3_600_000L;
    private static final long DAY_MS = 86_400_000L;

    private final String code;

    Period(String code) {
      this.code = code;
    }

    /** The query code. */
    public String code() {
      return code;
    }

    /** The period of {@code code}; {@link IllegalArgumentException} for anything else. */
    public static Period parse(String code) {
      for (Period p : values()) {
        if (p.code.equals(code)) {
          return p;
        }
      }
      throw new IllegalArgumentException("period must be 8h, day, week or month: " + code);
    }

    /** Start of the period holding {@code timeMs}, epoch ms. */
    public long start(long timeMs) {
      return switch (this) {
        case EIGHT_HOURS -> Math.floorDiv(timeMs, EIGHT_H) * EIGHT_H;
        case DAY -> Math.floorDiv(timeMs, DAY_MS) * DAY_MS;
        case WEEK -> (Math.floorDiv(Math.floorDiv(timeMs, DAY_MS) + 3, 7) * 7 - 3) * DAY_MS;
        case MONTH -> {
          LocalDate d = Instant.ofEpochMilli(timeMs).atZone(ZoneOffset.UTC).toLocalDate();
          yield d.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
      };
    }

    /** End (exclusive) of the period starting at {@code start}, epoch ms. */
    public long end(long start) {
      return switch (this) {
        case EIGHT_HOURS -> start + EIGHT_H;
        case DAY -> start + DAY_MS;
        case WEEK -> start + 7 * DAY_MS;
        case MONTH ->
            Instant.ofEpochMilli(start)
                .atZone(ZoneOffset.UTC)
                .plusMonths(1)
                .toInstant()
                .toEpochMilli();
      };
    }
  }

  /**
   * One period's figures.
   *
   * @param startMs period start, epoch ms
   * @param endMs period end (exclusive), epoch ms
   * @param fundingIncome funding booked, quote currency
   * @param settlements funding settlements booked
   * @param fees fees of both legs
   * @param spotPnl the spot leg's PnL (fees included, funding not)
   * @param perpPnl the perp leg's PnL (fees included, funding not)
   * @param fills fills of both legs
   * @param maxHedgeDeviation the largest hedge deviation of the period's snapshots (0: none)
   * @param events events of the period by kind, kinds sorted
   */
  public record Row(
      long startMs,
      long endMs,
      Money fundingIncome,
      int settlements,
      Money fees,
      Money spotPnl,
      Money perpPnl,
      int fills,
      double maxHedgeDeviation,
      Map<String, Integer> events) {
    /** Funding plus both legs' PnL. */
    public Money total() {
      return fundingIncome.plus(spotPnl).plus(perpPnl);
    }
  }

  /**
   * The rows of {@code period}, oldest first, from the records of {@code mode} (ledger and funding;
   * snapshots and events are the instance's, whatever the mode).
   */
  public static List<Row> of(
      Period period,
      String mode,
      List<CarryStore.Moded<CarryLedger>> ledger,
      List<CarryStore.Moded<CarryFunding>> funding,
      List<CarryStore.Snapshot> snapshots,
      List<CarryAlert> events) {
    TreeMap<Long, Acc> rows = new TreeMap<>();
    for (CarryStore.Moded<CarryFunding> m : funding) {
      if (m.mode().equals(mode)) {
        Acc a = acc(rows, period, m.value().timeMs());
        a.funding = a.funding.plus(m.value().amount());
        a.settlements++;
      }
    }
    Marks marks = new Marks();
    ledger.stream()
        .filter(m -> m.mode().equals(mode) && m.value().kind().equals("fill"))
        .map(CarryStore.Moded::value)
        .sorted(Comparator.comparingLong(CarryLedger::timeMs))
        .forEach(l -> marks.fill(acc(rows, period, l.timeMs()), l));
    for (CarryStore.Snapshot s : snapshots) {
      Acc a = acc(rows, period, s.timeMs());
      a.maxDeviation = Math.max(a.maxDeviation, s.hedgeDeviation());
    }
    for (CarryAlert e : events) {
      acc(rows, period, e.timeMs()).events.merge(e.kind(), 1, Integer::sum);
    }
    List<Row> out = new ArrayList<>(rows.size());
    rows.forEach(
        (start, a) ->
            out.add(
                new Row(
                    start,
                    period.end(start),
                    a.funding,
                    a.settlements,
                    a.fees,
                    a.spotPnl,
                    a.perpPnl,
                    a.fills,
                    a.maxDeviation,
                    Collections.unmodifiableMap(new TreeMap<>(a.events)))));
    return out;
  }

  private static Acc acc(TreeMap<Long, Acc> rows, Period period, long timeMs) {
    return rows.computeIfAbsent(period.start(timeMs), k -> new Acc());
  }

  /** A period being summed. */
  private static final class Acc {
    Money funding = Money.ZERO;
    int settlements;
    Money fees = Money.ZERO;
    Money spotPnl = Money.ZERO;
    Money perpPnl = Money.ZERO;
    int fills;
    double maxDeviation;
    final Map<String, Integer> events = new TreeMap<>();
  }

  /** Each leg's position value at its last fill price, carried across periods. */
  private static final class Marks {
    private Money spotValue = Money.ZERO;
    private Money perpValue = Money.ZERO;

    void fill(Acc a, CarryLedger l) {
      boolean spot = l.clientOrderId().contains("-spot-");
      Money notional = Money.notional(l.price(), l.quantity());
      Money cash = "BUY".equals(l.side()) ? notional.negate() : notional;
      Quantity after = spot ? l.spotPosition() : l.perpPosition();
      Money value = value(l.price(), after);
      Money pnl = cash.minus(l.fee()).plus(value.minus(spot ? spotValue : perpValue));
      if (spot) {
        spotValue = value;
        a.spotPnl = a.spotPnl.plus(pnl);
      } else {
        perpValue = value;
        a.perpPnl = a.perpPnl.plus(pnl);
      }
      a.fees = a.fees.plus(l.fee());
      a.fills++;
    }

    private static Money value(Price price, Quantity position) {
      Money v = Money.notional(price, position.abs());
      return position.signum() < 0 ? v.negate() : v;
    }
  }
}
