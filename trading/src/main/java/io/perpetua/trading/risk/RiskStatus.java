package io.perpetua.trading.risk;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The risk overview ({@code quant:risk:status}, {@code GET /api/v1/risk/status}).
 *
 * @param overall normal, warning or halted
 * @param tradingEnabled false while an emergency stop or a halting breaker is active
 * @param dryRun true when orders do not reach a real venue
 * @param emergencyStop the emergency stop state, or null when never set
 * @param haltReasons the rules currently halting trading (empty when trading)
 * @param rules every rule's state
 * @param disabledSymbols symbols whose trading is disabled
 * @param lastCheckMs when the rules were last evaluated (kernel time), or 0 before the first
 */
public record RiskStatus(
    Overall overall,
    boolean tradingEnabled,
    boolean dryRun,
    EmergencyStop emergencyStop,
    List<String> haltReasons,
    List<RuleStatus> rules,
    List<String> disabledSymbols,
    long lastCheckMs) {

  /** The overall status; wire codes are the lower-case names. */
  public enum Overall {
    /** Every rule ok. */
    NORMAL,
    /** Some rule in warning or violated, trading continues. */
    WARNING,
    /** Trading is halted (emergency stop or breaker). */
    HALTED;

    /** The wire code. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Validates and copies. */
  public RiskStatus {
    Objects.requireNonNull(overall, "overall");
    haltReasons = List.copyOf(haltReasons);
    rules = List.copyOf(rules);
    disabledSymbols = List.copyOf(disabledSymbols);
  }
}
