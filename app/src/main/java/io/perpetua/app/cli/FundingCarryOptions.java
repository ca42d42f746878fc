package io.perpetua.app.cli;

import io.perpetua.backtest.BacktestDays;
import io.perpetua.backtest.funding.CarryRules;
import io.perpetua.backtest.funding.FundingData;
import io.perpetua.backtest.funding.FundingHistory;
import io.perpetua.backtest.funding.FundingReport;
import io.perpetua.backtest.report.FundingHtml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The funding research run shared by {@code funding report} and {@code backtest --strategy
 * funding_carry}: loads the histories, filters them, runs the carry and writes {@code
 * funding-report.html}. Bad input → {@link ParameterException} (exit 2) naming the option.
 */
final class FundingCarryOptions {
  /** The strategy id of the carry backtest. */
  static final String STRATEGY = "funding_carry";

  private FundingCarryOptions() {}

  /**
   * Carry rules from {@code key=value} parameters (fees and slippage in bps, thresholds as annual
   * fractions): {@code entry_annualised, exit_annualised, lookback_hours, spot_fee_bps,
   * perp_fee_bps, slippage_bps, capital_per_notional}; absent keys take {@link
   * CarryRules#DEFAULTS}.
   */
  static CarryRules rules(CommandLine cl, Map<String, String> params) {
    Set<String> known =
        Set.of(
            "entry_annualised",
            "exit_annualised",
            "lookback_hours",
            "spot_fee_bps",
            "perp_fee_bps",
            "slippage_bps",
            "capital_per_notional",
            "venues");
    for (String k : params.keySet()) {
      if (!known.contains(k)) {
        throw new ParameterException(
            cl, "--param " + k + ": unknown for " + STRATEGY + "; known: " + known);
      }
    }
    CarryRules d = CarryRules.DEFAULTS;
    try {
      return new CarryRules(
          number(cl, params, "entry_annualised", d.entryAnnualised()),
          number(cl, params, "exit_annualised", d.exitAnnualised()),
          (int) number(cl, params, "lookback_hours", d.lookbackHours()),
          number(cl, params, "spot_fee_bps", d.spotFee() * 1e4) / 1e4,
          number(cl, params, "perp_fee_bps", d.perpFee() * 1e4) / 1e4,
          number(cl, params, "slippage_bps", d.slippage() * 1e4) / 1e4,
          number(cl, params, "capital_per_notional", d.capitalPerNotional()));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cl, "--param " + e.getMessage());
    }
  }

  private static double number(CommandLine cl, Map<String, String> p, String key, double dflt) {
    String v = p.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new ParameterException(cl, "--param " + key + ": expected a number, was '" + v + "'");
    }
  }

  /**
   * The histories of {@code dir} whose asset is among {@code symbols} ({@code BTC}, {@code BTCUSDT}
   * or {@code BTC-USDT}; all when empty) and venue among {@code venues} (all when empty), cut to
   * the days {@code [start, end]} (either may be null).
   */
  static List<FundingHistory> histories(
      CommandLine cl, Path dir, List<String> symbols, String venues, String start, String end)
      throws IOException {
    Set<String> assets = new HashSet<>();
    for (String s : symbols) {
      String u = s.trim().toUpperCase(Locale.ROOT);
      assets.add(u.replaceAll("[-/]?USDT.*$", ""));
    }
    Set<String> wanted = new HashSet<>();
    if (venues != null && !venues.isBlank()) {
      for (String v : venues.split(",")) {
        wanted.add(v.trim().toLowerCase(Locale.ROOT));
      }
    }
    long from =
        start == null
            ? Long.MIN_VALUE
            : BacktestDays.start(day(cl, start, "--start")).toEpochMilli();
    long to = end == null ? Long.MAX_VALUE : BacktestDays.end(day(cl, end, "--end")).toEpochMilli();
    if (from >= to) {
      throw new ParameterException(cl, "--end: must be on or after --start (" + start + ")");
    }
    List<FundingHistory> out = new ArrayList<>();
    for (FundingHistory h : FundingData.load(dir)) {
      if ((assets.isEmpty() || assets.contains(h.asset()))
          && (wanted.isEmpty() || wanted.contains(h.venue()))) {
        FundingHistory cut = h.between(from, to);
        if (cut.size() > 0) {
          out.add(cut);
        }
      }
    }
    if (out.isEmpty()) {
      throw new ParameterException(
          cl, "no funding settlements match --symbols/venues/--start/--end in " + dir);
    }
    return out;
  }

  private static LocalDate day(CommandLine cl, String value, String option) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          cl, option + ": expected a date YYYY-MM-DD, was '" + value + "'");
    }
  }

  /** Writes the report's HTML as {@code out/funding-report.html}; its path. */
  static Path writeHtml(FundingReport report, Path out) throws IOException {
    Files.createDirectories(out);
    Path file = out.resolve("funding-report.html");
    Files.writeString(file, FundingHtml.render(report), StandardCharsets.UTF_8);
    return file;
  }
}
