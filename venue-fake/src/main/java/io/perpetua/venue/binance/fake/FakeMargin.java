package io.perpetua.venue.binance.fake;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * The fake's cross-margin arithmetic for one USDT account in one-way mode, after Binance's
 * published formulas: initial margin = notional / leverage (positions at the mark price, open
 * orders at their limit price), maintenance margin = notional × maintenance rate − maintenance
 * amount of the notional's bracket, available balance = margin balance − initial margin, and the
 * cross liquidation price {@code (WB − TMM₁ + UPNL₁ + cum − side·|q|·entry) / (|q|·mmr − side·|q|)}
 * (TMM₁ and UPNL₁ of the other positions). Immutable.
 *
 * @param lines one entry per listing
 * @param wallet the wallet balance
 */
record FakeMargin(List<FakeMargin.Line> lines, BigDecimal wallet) {
  /** Binance's first three USDT-M brackets (notional cap, maintenance rate, maintenance amount). */
  static final List<Bracket> BRACKETS =
      List.of(
          new Bracket(1, 125, 0, 50_000, "0.004", "0"),
          new Bracket(2, 100, 50_000, 250_000, "0.005", "50"),
          new Bracket(3, 50, 250_000, 1_000_000, "0.01", "1300"),
          new Bracket(4, 20, 1_000_000, 10_000_000, "0.025", "16300"));

  /** A notional bracket: leverage up to {@code maxLeverage} for notionals below {@code cap}. */
  record Bracket(int number, int maxLeverage, long floor, long cap, String rate, String amount) {
    BigDecimal mmr() {
      return new BigDecimal(rate);
    }

    BigDecimal cum() {
      return new BigDecimal(amount);
    }
  }

  /**
   * One symbol's exposure.
   *
   * @param listing the listing
   * @param qty signed position size
   * @param entry entry price (0 when flat)
   * @param mark mark price
   * @param leverage the symbol's leverage
   * @param bidNotional notional of open buy orders
   * @param askNotional notional of open sell orders
   */
  record Line(
      FakeListing listing,
      BigDecimal qty,
      BigDecimal entry,
      BigDecimal mark,
      int leverage,
      BigDecimal bidNotional,
      BigDecimal askNotional) {
    BigDecimal notional() {
      return qty.multiply(mark);
    }

    BigDecimal unrealized() {
      return qty.multiply(mark.subtract(entry));
    }

    BigDecimal positionInitialMargin() {
      return divide(notional().abs(), leverage);
    }

    BigDecimal openOrderInitialMargin() {
      return divide(bidNotional.max(askNotional), leverage);
    }

    Bracket bracket() {
      BigDecimal n = notional().abs();
      for (Bracket b : BRACKETS) {
        if (n.compareTo(BigDecimal.valueOf(b.cap())) < 0) {
          return b;
        }
      }
      return BRACKETS.get(BRACKETS.size() - 1);
    }

    BigDecimal maintMargin() {
      if (qty.signum() == 0) {
        return BigDecimal.ZERO;
      }
      Bracket b = bracket();
      return notional().abs().multiply(b.mmr()).subtract(b.cum()).max(BigDecimal.ZERO);
    }
  }

  BigDecimal unrealized() {
    return lines.stream().map(Line::unrealized).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  BigDecimal positionInitialMargin() {
    return lines.stream().map(Line::positionInitialMargin).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  BigDecimal openOrderInitialMargin() {
    return lines.stream()
        .map(Line::openOrderInitialMargin)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  BigDecimal initialMargin() {
    return positionInitialMargin().add(openOrderInitialMargin());
  }

  BigDecimal maintMargin() {
    return lines.stream().map(Line::maintMargin).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  BigDecimal marginBalance() {
    return wallet.add(unrealized());
  }

  BigDecimal available() {
    return marginBalance().subtract(initialMargin()).max(BigDecimal.ZERO);
  }

  BigDecimal maxWithdraw() {
    return available().min(wallet).max(BigDecimal.ZERO);
  }

  /** The cross liquidation price of {@code line}'s position (0 when flat or never reached). */
  BigDecimal liquidationPrice(Line line) {
    if (line.qty().signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal otherMaint = maintMargin().subtract(line.maintMargin());
    BigDecimal otherUpnl = unrealized().subtract(line.unrealized());
    BigDecimal size = line.qty().abs();
    BigDecimal side = BigDecimal.valueOf(line.qty().signum());
    Bracket b = line.bracket();
    BigDecimal numerator =
        wallet
            .subtract(otherMaint)
            .add(otherUpnl)
            .add(b.cum())
            .subtract(side.multiply(size).multiply(line.entry()));
    BigDecimal denominator = size.multiply(b.mmr()).subtract(side.multiply(size));
    if (denominator.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal price = numerator.divide(denominator, MathContext.DECIMAL64);
    return price.signum() <= 0
        ? BigDecimal.ZERO
        : price.setScale(line.listing().tickSize().scale() + 2, RoundingMode.HALF_EVEN);
  }

  private static BigDecimal divide(BigDecimal v, int leverage) {
    return v.divide(BigDecimal.valueOf(leverage), 8, RoundingMode.HALF_EVEN);
  }
}
