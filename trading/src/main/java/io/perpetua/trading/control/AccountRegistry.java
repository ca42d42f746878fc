package io.perpetua.trading.control;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.trading.kernel.AccountKernels;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The control plane's accounts over the venue ports: configuration, ports and order path per
 * account, the last synced state of each, and the netted view per underlying across accounts.
 * Positions and balances are read from the venues on every sync (no cache is trusted for control
 * decisions). Thread-safe.
 */
public final class AccountRegistry {
  private final Map<String, Entry> accounts = new LinkedHashMap<>();
  private final Map<String, AccountState> lastSync = new ConcurrentHashMap<>();
  private final LongSupplier clock;

  /** An account with its ports and order path. */
  public record Entry(ControlAccount config, AccountPorts ports, ControlGateway gateway) {}

  /** Positions of one underlying across accounts. */
  public record Netted(String underlying, Map<String, BigDecimal> positions, BigDecimal net) {}

  /** The registry on {@code clock} (epoch ms). */
  public AccountRegistry(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * Registers an account; its order path stays closed (orders rejected) until {@link
   * #openOrderPaths}.
   */
  public synchronized void register(ControlAccount config, AccountPorts ports) {
    if (accounts.containsKey(config.id())) {
      throw new IllegalArgumentException("account " + config.id() + " is configured twice");
    }
    ControlGateway gateway = new ControlGateway(config.id(), clock);
    accounts.put(config.id(), new Entry(config, ports, gateway));
  }

  /** Registers an account and opens its order path on {@code kernels} at once. */
  public synchronized void register(
      ControlAccount config, AccountPorts ports, AccountKernels kernels) {
    register(config, ports);
    open(accounts.get(config.id()), kernels);
  }

  /**
   * Opens the order path of every account not yet open: each account's kernel on {@code kernels}
   * (resumed from its journal: orders journaled before a crash are sent again under their ids).
   */
  public synchronized void openOrderPaths(AccountKernels kernels) {
    for (Entry e : accounts.values()) {
      if (!e.gateway().isOpen()) {
        open(e, kernels);
      }
    }
  }

  private static void open(Entry e, AccountKernels kernels) {
    AccountPorts p = e.ports();
    e.gateway().open(kernels, capital(e), p.venue(), p.instruments().values());
  }

  /**
   * The kernel account's initial capital: the venue's balance, or a nominal 1 when it shows none or
   * cannot be read (the venue stays the truth for control decisions; risk limits of the control
   * kernels do not size on it).
   */
  private static Money capital(Entry e) {
    try {
      Money balance = e.ports().account().balance();
      return balance.signum() > 0 ? balance : Money.of(1);
    } catch (ServiceUnavailableException ex) {
      return Money.of(1);
    }
  }

  /** Stops every account's kernel delivery (the venue ports stay open). */
  public synchronized void close() {
    accounts.values().forEach(e -> e.gateway().close());
  }

  /** Every account id, in configuration order. */
  public synchronized List<String> ids() {
    return List.copyOf(accounts.keySet());
  }

  /** The account {@code id}; 1001 when unknown. */
  public synchronized Entry entry(String id) {
    Entry e = accounts.get(id);
    if (e == null) {
      throw new ControlException(ControlError.INVALID_ACCOUNT, "accounts: unknown account " + id);
    }
    return e;
  }

  /** Checks every id (1001 naming the first unknown or repeated one); returns them in order. */
  public List<Entry> entries(List<String> ids, String field) {
    if (ids == null || ids.isEmpty()) {
      throw new ControlException(ControlError.INVALID_ACCOUNT, field + ": at least one account");
    }
    List<Entry> out = new ArrayList<>();
    for (String id : ids) {
      if (id == null || !accountsContain(id)) {
        throw new ControlException(
            ControlError.INVALID_ACCOUNT, field + ": unknown account " + ControlText.echo(id));
      }
      Entry e = entry(id);
      if (out.contains(e)) {
        throw new ControlException(
            ControlError.INVALID_ACCOUNT, field + ": account " + id + " given twice");
      }
      out.add(e);
    }
    return out;
  }

  private synchronized boolean accountsContain(String id) {
    return accounts.containsKey(id);
  }

  /** The instrument of {@code underlying} on the account; 1005 when it has none. */
  public static Instrument instrument(Entry e, String underlying) {
    Optional<InstrumentId> id = e.config().instrumentOf(underlying);
    Instrument i = id.map(e.ports().instruments()::get).orElse(null);
    if (i == null) {
      throw new ControlException(
          ControlError.MARKET_DATA_UNAVAILABLE,
          "symbol: " + ControlText.echo(underlying) + " is not traded on " + e.config().id());
    }
    return i;
  }

  /** The account's signed position in {@code instrument}, read from the venue. */
  public static BigDecimal position(Entry e, InstrumentId instrument) {
    BigDecimal q = e.ports().account().positions().get(instrument);
    return q == null ? BigDecimal.ZERO : q;
  }

  /** The mid of the account's latest book of {@code instrument}, or null. */
  public static BigDecimal mark(Entry e, InstrumentId instrument) {
    return e.ports().books().book(instrument).map(Book::mid).orElse(null);
  }

  /** Positions of {@code underlying} on {@code ids}, read from the venues, and their sum. */
  public Netted netted(String underlying, List<String> ids) {
    Map<String, BigDecimal> positions = new LinkedHashMap<>();
    BigDecimal net = BigDecimal.ZERO;
    for (Entry e : entries(ids, "accounts")) {
      BigDecimal q = position(e, instrument(e, underlying).id());
      positions.put(e.config().id(), q);
      net = net.add(q);
    }
    return new Netted(underlying, positions, net);
  }

  /**
   * Reads balance and positions of each account from its venue; the states of those that answered,
   * and the ids of those that did not.
   */
  public SyncResult sync(List<String> ids) {
    List<AccountState> states = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Entry e : entries(ids, "accounts")) {
      try {
        AccountState s = state(e);
        lastSync.put(e.config().id(), s);
        states.add(s);
      } catch (ServiceUnavailableException | ControlException ex) {
        failed.add(e.config().id());
        errors.add(e.config().id() + ": " + ex.getMessage());
      }
    }
    return new SyncResult(states, failed, errors);
  }

  /** What {@link #sync} found. */
  public record SyncResult(List<AccountState> states, List<String> failed, List<String> errors) {}

  /** The state of the last sync of {@code id}, if any. */
  public Optional<AccountState> lastState(String id) {
    return Optional.ofNullable(lastSync.get(id));
  }

  /** Reads one account's state from its venue. */
  public AccountState state(Entry e) {
    ControlAccount c = e.config();
    BigDecimal balance = e.ports().account().balance().toBigDecimal();
    Map<InstrumentId, BigDecimal> positions = e.ports().account().positions();
    BigDecimal used = usedMargin(e);
    BigDecimal net = BigDecimal.ZERO;
    BigDecimal price = null;
    String first = c.symbols().isEmpty() ? "BTC-USD" : c.symbols().keySet().iterator().next();
    Optional<InstrumentId> primary = c.instrumentOf(first);
    if (primary.isPresent()) {
      InstrumentId id = primary.get();
      net = positions.getOrDefault(id, BigDecimal.ZERO);
      price = mark(e, id);
    }
    return new AccountState(
        c.id(),
        c.venue(),
        balance,
        balance.subtract(used),
        net,
        BigDecimal.ZERO,
        null,
        price,
        c.leverage(),
        clock.getAsLong());
  }

  /** The margin the account's positions use (notional at the book mid / leverage; 0 for spot). */
  public static BigDecimal usedMargin(Entry e) {
    if (e.config().kind() != AccountKind.PERP) {
      return BigDecimal.ZERO;
    }
    BigDecimal used = BigDecimal.ZERO;
    for (var p : e.ports().account().positions().entrySet()) {
      BigDecimal mark = mark(e, p.getKey());
      if (mark != null) {
        used = used.add(p.getValue().abs().multiply(mark));
      }
    }
    return used.divide(BigDecimal.valueOf(e.config().leverage()), MathContext.DECIMAL64);
  }
}
