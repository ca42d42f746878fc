package io.perpetua.trading.risk;

import io.perpetua.core.Instrument;
import io.perpetua.core.order.Order;
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import io.perpetua.trading.risk.rules.OperatorControls;
import io.perpetua.trading.risk.rules.RiskBook;
import io.perpetua.trading.risk.rules.RiskRule;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator controls that bind one risk engine: its own operator rules (emergency stop, disabled
 * symbol), then, once it follows another engine ({@link RiskEngine#followOperatorControls}), that
 * engine's controls — so an operator's stop or symbol switch binds every account of the platform at
 * its next order.
 *
 * <p>Thread-safe: read without the engine's lock (the rules read {@link OperatorControls}' volatile
 * state, the followed engine is a volatile reference), so a stop binds the very next check.
 */
final class FollowedControls {
  private final RiskEngineControls owner;
  private final OperatorControls controls;
  private final List<RiskRule> rules;
  private final RiskBook book;
  private volatile RiskEngine followed;

  FollowedControls(
      RiskEngineControls owner, OperatorControls controls, List<RiskRule> rules, RiskBook book) {
    this.owner = owner;
    this.controls = controls;
    this.rules = List.copyOf(rules);
    this.book = book;
  }

  /**
   * The operator rules on {@code order} (traced into {@code sink} unless null), then the followed
   * engine's controls; empty when the order may proceed.
   */
  Optional<Rejection> check(
      Order order, Instrument instrument, OrderContext ctx, List<RuleReading> sink) {
    Optional<Rejection> r = RuleRun.run(rules, order, ctx, book, sink);
    RiskEngine p = followed;
    return r.isPresent() || p == null ? r : p.operatorControls().check(order, instrument, ctx);
  }

  /** {@link #check} untraced, as a guard. */
  PreTradeGuard guard() {
    return (order, instrument, ctx) -> check(order, instrument, ctx, null);
  }

  /** Makes {@code engine}'s operator controls bind the owner too. */
  void follow(RiskEngine engine) {
    if (engine == owner) {
      throw new IllegalArgumentException("an engine cannot follow itself");
    }
    this.followed = Objects.requireNonNull(engine, "platformEngine");
  }

  /** True while the owner's emergency stop, or a followed engine's, is active. */
  boolean stopped() {
    RiskEngine p = followed;
    return controls.stopped() || (p != null && p.emergencyStopped());
  }
}
