package io.perpetua.backtest.funding;

import io.perpetua.core.time.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The funding research on a set of histories: yearly yields, spreads and the carry backtest per
 * venue, with the assumptions they rest on, and its plain-text tables. Immutable.
 *
 * @param histories the inputs
 * @param yields yearly yields ({@link FundingResearch#yearly})
 * @param spreads pairwise spreads ({@link FundingResearch#spreads})
 * @param rules the carry rules
 * @param carries one carry backtest per history
 */
public record FundingReport(
    List<FundingHistory> histories,
    List<FundingYield> yields,
    List<FundingSpread> spreads,
    CarryRules rules,
    List<CarryResult> carries) {
  /** Copies the lists. */
  public FundingReport {
    histories = List.copyOf(histories);
    yields = List.copyOf(yields);
    spreads = List.copyOf(spreads);
    carries = List.copyOf(carries);
  }

  /** Computes the research on {@code histories} with {@code rules}. */
  public static FundingReport of(List<FundingHistory> histories, CarryRules rules) {
    List<CarryResult> carries = new ArrayList<>();
    for (FundingHistory h : histories) {
      carries.add(CarryBacktest.run(h, rules));
    }
    return new FundingReport(
        histories,
        FundingResearch.yearly(histories),
        FundingResearch.spreads(histories),
        rules,
        carries);
  }

  /** The assumptions every number of the report rests on, one sentence each. */
  public List<String> assumptions() {
    CarryRules r = rules;
    return List.of(
        "Annualised gross yield = mean 8-hour funding rate x 3 x 365 (simple, not compounded);"
            + " a positive yield is what a perp short receives.",
        "Hourly venues (dYdX) are normalised: each hourly rate x 8 is its 8-hour equivalent.",
        "Dates of the shared files are 3 h ahead of UTC and are shifted back (Gate and dYdX are"
            + " already UTC);"
            + " years are UTC calendar years of the settlement times.",
        "Spreads compare venues over the 8-hour UTC windows both settled in (KuCoin's 04/12/20 UTC"
            + " settlements fall in the 00/08/16 windows).",
        String.format(
            Locale.ROOT,
            "Carry: spot long + 1x perp short of equal notional; enter when the mean of the last"
                + " %d h of funding, annualised, is >= %.2f %% and the latest rate is not negative;"
                + " exit below %.2f %%; a decision earns from the next settlement.",
            r.lookbackHours(),
            r.entryAnnualised() * 100,
            r.exitAnnualised() * 100),
        String.format(
            Locale.ROOT,
            "Costs per entry and per exit, on notional: spot taker %.3f %%, perp taker %.3f %%,"
                + " slippage %.3f %% per leg; capital = %.1f x notional (spot + 1x perp margin).",
            r.spotFee() * 100,
            r.perpFee() * 100,
            r.slippage() * 100,
            r.capitalPerNotional()),
        "Price moves of the two legs are assumed to cancel: basis, borrow, transfer costs,"
            + " liquidation of the short and venue failure are not modelled (funding data only).",
        "A carry still open at the last settlement is closed there, paying the exit costs.");
  }

  /** The yearly-yield, spread and carry tables as plain text. */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append("Funding yields per venue and year (annualised = mean 8h rate x 3 x 365)\n");
    b.append(
        String.format(
            Locale.ROOT,
            "%-5s %-8s %4s %6s %12s %11s %9s%n",
            "asset",
            "venue",
            "year",
            "n",
            "mean 8h %",
            "annual %",
            "neg %"));
    for (FundingYield y : yields) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-5s %-8s %4d %6d %12.5f %11.2f %9.1f%n",
              y.asset(),
              y.venue(),
              y.year(),
              y.settlements(),
              y.mean8hRate() * 100,
              y.annualisedYield() * 100,
              y.negativeShare() * 100));
    }
    b.append("\nCross-venue spreads (a - b over common 8h windows, annualised)\n");
    b.append(
        String.format(
            Locale.ROOT,
            "%-5s %-8s %-8s %6s %10s %10s%n",
            "asset",
            "a",
            "b",
            "windows",
            "mean %",
            "|mean| %"));
    for (FundingSpread s : spreads) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-5s %-8s %-8s %6d %10.2f %10.2f%n",
              s.asset(),
              s.venueA(),
              s.venueB(),
              s.windows(),
              s.meanAnnualised() * 100,
              s.meanAbsAnnualised() * 100));
    }
    b.append("\n").append(carryTable());
    b.append("\nAssumptions:\n");
    assumptions().forEach(a -> b.append("- ").append(a).append('\n'));
    return b.toString();
  }

  /** The carry backtest table as plain text. */
  public String carryTable() {
    StringBuilder b = new StringBuilder("Funding carry backtest (per unit of capital)\n");
    b.append(
        String.format(
            Locale.ROOT,
            "%-5s %-8s %-10s %-10s %7s %7s %9s %8s %9s %9s %9s%n",
            "asset",
            "venue",
            "from",
            "to",
            "entries",
            "held %",
            "funding %",
            "costs %",
            "net/yr %",
            "always %",
            "maxDD %"));
    for (CarryResult c : carries) {
      double cap = rules.capitalPerNotional();
      b.append(
          String.format(
              Locale.ROOT,
              "%-5s %-8s %-10s %-10s %7d %7.1f %9.2f %8.2f %9.2f %9.2f %9.2f%n",
              c.asset(),
              c.venue(),
              Times.isoDate(c.fromMs()),
              Times.isoDate(c.toMs()),
              c.entries(),
              c.heldShare() * 100,
              c.funding() / cap * 100,
              (c.fees() + c.slippage()) / cap * 100,
              c.annualisedReturn() * 100,
              c.alwaysOnAnnualised() * 100,
              c.maxDrawdown() * 100));
    }
    return b.toString();
  }
}
