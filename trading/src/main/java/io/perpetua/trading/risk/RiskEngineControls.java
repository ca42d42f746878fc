package io.perpetua.trading.risk;

import io.perpetua.core.InstrumentId;
import io.perpetua.trading.risk.rules.OperatorControls;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operators' side of a {@link RiskEngine}: the emergency stop, the symbol switches, the
 * per-symbol limits, the tradable universe, and the following of another engine's controls. The
 * engine itself holds the kernel's side (checks, observations, trade hooks, status); the two share
 * the {@link OperatorControls} the operator rules read. Kept as the engine's base class so that its
 * callers (API routes, four-eyes approvals, the kernels) keep one object.
 *
 * <p>Thread-safety: called from API threads. The switches are read by the kernel thread without a
 * lock, so a stop binds the very next order check; each action is persisted before it returns
 * ({@link OperatorActions}).
 */
public abstract sealed class RiskEngineControls permits RiskEngine {
  final OperatorControls controls = new OperatorControls();
  private FollowedControls operatorRules;
  private OperatorActions operators;

  RiskEngineControls() {}

  /** Sets the operator rules and actions (once, while the engine is opened). */
  final void wire(FollowedControls operatorRules, OperatorActions operators) {
    this.operatorRules = operatorRules;
    this.operators = operators;
  }

  /** The operator rules of this engine and of the engine it follows. */
  final FollowedControls operatorRules() {
    return operatorRules;
  }

  /**
   * This engine's operator controls alone (emergency stop, disabled symbols) as a guard. Another
   * account's risk engine puts it in front of its own checks (the order-flow live executor does),
   * so an operator's stop or symbol switch binds every account of the platform at its next order.
   */
  public PreTradeGuard operatorControls() {
    return operatorRules.guard();
  }

  /**
   * Makes {@code platformEngine}'s operator controls (emergency stop, disabled symbols) bind this
   * engine too: a second account of the platform (the order-flow kernel's) keeps its own limits and
   * breakers but obeys the operator's stop and symbol switches at its next order, and its kernel
   * cancels its working orders on the stop like the platform's.
   */
  public void followOperatorControls(RiskEngine platformEngine) {
    operatorRules.follow(platformEngine);
  }

  /** True while the emergency stop (this engine's or a followed one's) is active; no lock. */
  public boolean emergencyStopped() {
    return operatorRules.stopped();
  }

  /**
   * Restricts new risk to {@code configured} symbols plus the approved ones ({@link
   * #approveSymbol}): the {@code symbol_not_approved} rule. Without a call every symbol may trade.
   */
  public void restrictUniverse(Set<InstrumentId> configured) {
    controls.restrictUniverse(configured);
  }

  /**
   * Lets {@code symbol} trade although it is outside the configured universe (an approved hot
   * coin).
   */
  public void approveSymbol(InstrumentId symbol) {
    controls.approve(symbol);
  }

  /** The symbols approved beside the configured universe, in API form, sorted. */
  public List<String> approvedSymbols() {
    return controls.approvedSymbols();
  }

  /**
   * Stops all trading at once: it binds the very next order check, then is persisted before this
   * returns (if persisting throws, trading stays stopped in this process).
   */
  public EmergencyStop emergencyStop(String reason, String operator) {
    return operators.stop(reason, operator);
  }

  /**
   * Lifts the emergency stop and every latched halt (drawdown: the peak restarts at the current
   * equity; daily loss; loss-streak pause). Persisted before it returns.
   */
  public EmergencyStop resume(String reason, String operator) {
    return operators.resume(reason, operator);
  }

  /** Disables (or re-enables) one symbol; persisted before it returns. */
  public SymbolControl setSymbolEnabled(
      InstrumentId symbol, boolean enabled, String reason, String operator) {
    return operators.setSymbolEnabled(symbol, enabled, reason, operator);
  }

  /**
   * Sets (or, with {@code limit} null, removes) {@code symbol}'s per-symbol limit, the {@code
   * symbol_limit} rule's threshold: persisted before it returns, binding from the next check. The
   * platform calls it only once a second person approved the change (four-eyes). Returns the limit
   * in force before (null: none).
   */
  public SymbolLimit setSymbolLimit(InstrumentId symbol, SymbolLimit limit, String operator) {
    if (limit != null && !limit.symbol().equals(symbol)) {
      throw new IllegalArgumentException("the limit is for " + limit.symbol().apiSymbol());
    }
    return operators.setSymbolLimit(symbol, limit, operator);
  }

  /** The per-symbol limits in force, by symbol. */
  public List<SymbolLimit> symbolLimits() {
    return controls.limits();
  }

  /** The control of {@code symbol} when it is disabled. */
  public Optional<SymbolControl> disabledControl(InstrumentId symbol) {
    return controls.disabled(symbol);
  }
}
