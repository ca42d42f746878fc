package io.perpetua.trading.risk;

import io.perpetua.trading.risk.rules.OperatorControls;
import io.perpetua.trading.risk.rules.RiskBook;
import io.perpetua.trading.risk.rules.RiskRule;
import io.perpetua.trading.risk.rules.RiskRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The risk status built from the rules: their rows (each level from the rule's own comparison), the
 * halt reasons and the operator controls; the alerts follow the rows. Not thread-safe: called under
 * the engine's monitor.
 */
final class RiskStatusView {
  private final RiskRules rules;
  private final OperatorControls controls;
  private final RiskAlerts alerts;
  private final boolean dryRun;

  RiskStatusView(RiskRules rules, OperatorControls controls, RiskAlerts alerts, boolean dryRun) {
    this.rules = rules;
    this.controls = controls;
    this.alerts = alerts;
    this.dryRun = dryRun;
  }

  /** Why trading is halted at {@code now}, or empty. */
  Optional<String> haltReason(RiskBook book, long now) {
    if (controls.stopped()) {
      return Optional.of("emergency_stop");
    }
    if (book.drawdownHalted()) {
      return Optional.of(rules.drawdown().name());
    }
    if (book.dailyLossHalted()) {
      return Optional.of(rules.dailyLoss().name());
    }
    if (book.paused(now)) {
      return Optional.of(rules.losses().name());
    }
    return rules.venue().down(book, now) ? Optional.of(rules.venue().name()) : Optional.empty();
  }

  /** The rule levels (and halts) packed in an int, two bits each: cheap change detection. */
  int levels(RiskBook book) {
    int packed = 0;
    for (RiskRule rule : rules.reported()) {
      packed = packed << 2 | rule.level(book).ordinal();
    }
    packed = packed << 1 | (book.drawdownHalted() ? 1 : 0);
    packed = packed << 1 | (book.dailyLossHalted() ? 1 : 0);
    packed = packed << 1 | (book.paused(book.nowMs()) ? 1 : 0);
    return packed << 1 | (controls.stopped() ? 1 : 0);
  }

  /** The status at the book's latest reading; alerts follow the rows once there is a reading. */
  RiskStatus evaluate(RiskBook book) {
    List<RuleStatus> rows = new ArrayList<>();
    for (RiskRule rule : rules.reported()) {
      rule.status(book).ifPresent(rows::add);
    }
    long now = book.last() == null ? 0 : book.last().timeMs();
    if (book.last() != null) { // without a reading (just opened) the restored alerts stay
      for (RuleStatus row : rows) {
        if (!(row.ruleName().equals(rules.drawdown().name()) && now == 0)) {
          alerts.follow(row, now);
        }
      }
    }
    List<String> halts = new ArrayList<>(); // at the latest kernel time, as the checks see them
    haltReason(book, Math.max(now, book.nowMs())).ifPresent(halts::add);
    boolean anyWarning = rows.stream().anyMatch(x -> x.level() != RuleStatus.Level.OK);
    RiskStatus.Overall overall =
        !halts.isEmpty()
            ? RiskStatus.Overall.HALTED
            : anyWarning ? RiskStatus.Overall.WARNING : RiskStatus.Overall.NORMAL;
    return new RiskStatus(
        overall,
        halts.isEmpty(),
        dryRun,
        controls.emergency(),
        halts,
        rows,
        controls.disabledSymbols(),
        now);
  }
}
