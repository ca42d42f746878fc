package io.perpetua.store.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.auth.audit.AuditEvent;
import io.perpetua.auth.audit.AuditLog;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.store.jdbc.JdbcAuditLog;
import io.perpetua.store.jdbc.JdbcTradingJournal;
import io.perpetua.trading.port.AccountState;
import io.perpetua.trading.port.KernelCheckpoint;
import io.perpetua.trading.port.OrderDecision;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.PortfolioSnapshot;
import io.perpetua.trading.port.SignalTrace;
import io.perpetua.trading.port.TradingHistory;
import io.perpetua.trading.port.TradingJournal;
import io.perpetua.trading.risk.RuleReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's journal, also writing its automated decisions to the audit log: each order state it
 * commits (submitted, filled, rejected by a risk rule with the rule's reason, ...), each fill and
 * each rebalance, as {@code system:kernel}. When the journal and the log are in one database (the
 * platform's JDBC journal and log), the entries are appended in the checkpoint's own transaction:
 * both commit or neither, and a failure fails the commit like any journal failure. Otherwise they
 * are appended (in one batch) after the checkpoint commits, and an audit failure is only logged; a
 * re-committed checkpoint (same order status, same trade id) adds nothing, within this process's
 * memory of what it recorded. Build with {@link #of}: when the journal is also a {@link
 * TradingHistory} (the kernel restores working orders through it), so is the wrapper. Thread-safe
 * (commits are serialized by the kernel).
 */
public class AuditingTradingJournal implements TradingJournal {
  private static final Logger LOG = LoggerFactory.getLogger(AuditingTradingJournal.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACTOR = "system:kernel";
  private static final int REMEMBERED = 200_000;

  private final TradingJournal delegate;
  private final AuditLog audit;
  private final Map<String, String> orderStatus = lru();
  private final Map<String, Boolean> trades = lru();

  /**
   * {@code delegate} recording to {@code audit}; a {@link TradingHistory} too when {@code delegate}
   * is one.
   */
  public static AuditingTradingJournal of(TradingJournal delegate, AuditLog audit) {
    return delegate instanceof TradingHistory history
        ? new WithHistory(delegate, history, audit)
        : new AuditingTradingJournal(delegate, audit);
  }

  AuditingTradingJournal(TradingJournal delegate, AuditLog audit) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > REMEMBERED;
      }
    };
  }

  @Override
  public synchronized void commit(KernelCheckpoint checkpoint) {
    if (delegate instanceof JdbcTradingJournal jdbc
        && audit instanceof JdbcAuditLog log
        && jdbc.sharesDatabaseWith(log)) {
      // one transaction: the decisions' entries commit with the journal or not at all
      Map<String, String> statusBefore = new LinkedHashMap<>(orderStatus);
      List<AuditEvent> events = events(checkpoint);
      try {
        jdbc.commitAudited(checkpoint, log, events);
      } catch (RuntimeException e) {
        forget(checkpoint, statusBefore); // not committed: the retried checkpoint records them
        throw e;
      }
      return;
    }
    delegate.commit(checkpoint);
    List<AuditEvent> events = events(checkpoint);
    if (events.isEmpty()) {
      return;
    }
    try {
      audit.appendAll(events);
    } catch (RuntimeException e) {
      LOG.error("audit log: {} kernel decisions not recorded: {}", events.size(), e.getMessage());
    }
  }

  /** Undoes what {@link #events} remembered of {@code checkpoint}. */
  private void forget(KernelCheckpoint checkpoint, Map<String, String> statusBefore) {
    for (RebalanceCompleted r : checkpoint.rebalances()) {
      trades.remove("rebalance:" + r.rebalanceId().value());
    }
    for (Fill f : checkpoint.fills()) {
      trades.remove(f.tradeId().value());
    }
    for (OrderRecord o : checkpoint.orders()) {
      String id = o.order().clientOrderId().value();
      String before = statusBefore.get(id);
      if (before == null) {
        orderStatus.remove(id);
      } else {
        orderStatus.put(id, before);
      }
    }
  }

  /** The audit events of {@code checkpoint} not recorded yet (remembered as recorded). */
  private List<AuditEvent> events(KernelCheckpoint checkpoint) {
    List<AuditEvent> events = new ArrayList<>();
    for (OrderDecision d : checkpoint.decisions()) {
      events.add(decision(d));
    }
    for (RebalanceCompleted r : checkpoint.rebalances()) {
      if (trades.put("rebalance:" + r.rebalanceId(), Boolean.TRUE) == null) {
        events.add(rebalance(r));
      }
    }
    for (OrderRecord o : checkpoint.orders()) {
      String id = o.order().clientOrderId().value();
      String status = o.status().code();
      if (!status.equals(orderStatus.put(id, status))) {
        events.add(order(o));
      }
    }
    for (Fill f : checkpoint.fills()) {
      if (trades.put(f.tradeId().value(), Boolean.TRUE) == null) {
        events.add(fill(f));
      }
    }
    return events;
  }

  private static AuditEvent order(OrderRecord o) {
    Order order = o.order();
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("symbol", order.instrument().apiSymbol());
    after.put("side", order.side().code());
    after.put("type", order.type().name().toLowerCase(Locale.ROOT));
    after.put("quantity", order.quantity().toString());
    after.put("limit_price", order.limitPrice() == null ? null : order.limitPrice().toString());
    after.put("reduce_only", order.reduceOnly());
    after.put("strategy", order.strategy() == null ? null : order.strategy().value());
    after.put("rebalance_id", order.rebalanceId() == null ? null : order.rebalanceId().value());
    after.put("status", o.status().code());
    after.put("filled_quantity", o.filledQuantity());
    after.put("average_fill_price", o.averageFillPrice());
    after.put("reject_reason", o.rejectReason());
    after.put("dry_run", o.dryRun());
    return new AuditEvent(
        Instant.ofEpochMilli(o.updatedAtMs()),
        ACTOR,
        "order." + o.status().code(),
        "orders",
        order.clientOrderId().value(),
        null,
        json(after),
        o.rejectReason() == null ? "" : o.rejectReason(),
        "");
  }

  /**
   * {@code order.decided}: the signals and features behind the order and each risk rule's value,
   * threshold and outcome at the check; the reason names the rejecting rule, if any.
   */
  private static AuditEvent decision(OrderDecision d) {
    List<Map<String, Object>> signals = new ArrayList<>();
    for (SignalTrace s : d.signals()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("strategy", s.strategy());
      one.put("signal", s.signal());
      one.put("target_weight", s.targetWeight());
      one.put("features", s.features());
      signals.add(one);
    }
    List<Map<String, Object>> checks = new ArrayList<>();
    String rejectedBy = "";
    for (RuleReading r : d.checks()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("rule", r.rule());
      one.put("value", r.value());
      one.put("threshold", r.threshold());
      one.put("passed", r.passed());
      checks.add(one);
      if (!r.passed()) {
        rejectedBy = r.rule();
      }
    }
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("signals", signals);
    if (d.cause() != null) {
      Map<String, Object> cause = new LinkedHashMap<>();
      cause.put("kind", d.cause().kind());
      cause.put("source", d.cause().source());
      cause.put("detail", d.cause().detail());
      after.put("cause", cause);
    }
    after.put("checks", checks);
    return new AuditEvent(
        Instant.ofEpochMilli(d.timeMs()),
        ACTOR,
        "order.decided",
        "orders",
        d.clientOrderId(),
        null,
        json(after),
        rejectedBy,
        "");
  }

  private static AuditEvent fill(Fill f) {
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("trade_id", f.tradeId().value());
    after.put("symbol", f.instrument().apiSymbol());
    after.put("side", f.side().code());
    after.put("quantity", f.quantity().toString());
    after.put("price", f.price().toString());
    after.put("fee", f.fee().toString());
    after.put("liquidity", f.liquidity().name().toLowerCase(Locale.ROOT));
    return new AuditEvent(
        Instant.ofEpochMilli(f.timeMs()),
        ACTOR,
        "order.fill",
        "orders",
        f.clientOrderId().value(),
        null,
        json(after),
        "",
        "");
  }

  private static AuditEvent rebalance(RebalanceCompleted r) {
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("strategy", r.strategy() == null ? null : r.strategy().value());
    after.put("trigger", r.trigger());
    after.put("orders_total", r.ordersTotal());
    after.put("orders_filled", r.ordersFilled());
    after.put("orders_failed", r.ordersFailed());
    after.put("turnover", r.turnover());
    after.put("long_symbols", r.longSymbols());
    after.put("short_symbols", r.shortSymbols());
    after.put("dry_run", r.dryRun());
    return new AuditEvent(
        Instant.ofEpochMilli(r.eventTimeMs()),
        ACTOR,
        "rebalance.completed",
        "rebalances",
        r.rebalanceId().value(),
        null,
        json(after),
        r.trigger() == null ? "" : r.trigger(),
        "");
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain map is always serializable", e);
    }
  }

  @Override
  public Optional<AccountState> loadAccount(String accountId) {
    return delegate.loadAccount(accountId);
  }

  @Override
  public Map<String, String> loadCursor(String accountId) {
    return delegate.loadCursor(accountId);
  }

  @Override
  public List<OrderRecord> recentOrders(int limit) {
    return delegate.recentOrders(limit);
  }

  @Override
  public List<OrderRecord> openOrders(String accountId) {
    return delegate.openOrders(accountId);
  }

  @Override
  public List<Fill> recentFills(int limit) {
    return delegate.recentFills(limit);
  }

  @Override
  public List<RebalanceCompleted> recentRebalances(int limit) {
    return delegate.recentRebalances(limit);
  }

  @Override
  public long fillCount() {
    return delegate.fillCount();
  }

  /** The wrapper of a journal that is also a {@link TradingHistory}. */
  static final class WithHistory extends AuditingTradingJournal implements TradingHistory {
    private final TradingHistory history;

    WithHistory(TradingJournal delegate, TradingHistory history, AuditLog audit) {
      super(delegate, audit);
      this.history = history;
    }

    @Override
    public Page<OrderRecord> orders(Query query) {
      return history.orders(query);
    }

    @Override
    public Page<Fill> fills(Query query) {
      return history.fills(query);
    }

    @Override
    public Page<RebalanceCompleted> rebalances(Query query) {
      return history.rebalances(query);
    }

    @Override
    public List<OrderRecord> openOrders() {
      return history.openOrders();
    }

    @Override
    public List<PortfolioSnapshot> snapshots(
        String accountId, PortfolioSnapshot.Interval interval, long fromMs, long toMs) {
      return history.snapshots(accountId, interval, fromMs, toMs);
    }
  }
}
