package io.perpetua.trading.kernel;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.order.Fill;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The venue trade ids already booked for each working order, so that a fill delivered twice — the
 * venue or its bridge replaying an order's trades after a reconnect or a restart — is booked once.
 * An order's ids are dropped when it ends (the execution service ignores fills of ended orders).
 *
 * <p>They are committed with every kernel checkpoint ({@link #export}, in the cursor beside the
 * fills they describe) and taken back on resume ({@link #restore}), so an order journaled as partly
 * filled before a crash books the trades it had once, and the rest when it comes. Trade ids and
 * client order ids never contain {@code = , ;} (letters, digits, {@code _ - . :}).
 *
 * <p>Not thread-safe: the kernel thread only.
 */
final class BookedTrades {
  /** Cursor key of the booked trade ids (in {@link CursorChunks} parts). */
  static final String CURSOR_KEY = "booked_trades";

  private final Map<ClientOrderId, Set<String>> byOrder = new LinkedHashMap<>();

  /** Books {@code fill}'s trade id for its order; false when it was booked before (a replay). */
  boolean book(Fill fill) {
    return byOrder
        .computeIfAbsent(fill.clientOrderId(), k -> new LinkedHashSet<>())
        .add(fill.tradeId().value());
  }

  /** The order {@code id} ended: its trade ids are no longer kept. */
  void ended(ClientOrderId id) {
    byOrder.remove(id);
  }

  /** Writes the booked trade ids into {@code cursor} ({@code order=trade,trade;...}). */
  void export(Map<String, String> cursor) {
    StringBuilder b = new StringBuilder();
    byOrder.forEach(
        (order, trades) -> {
          if (!b.isEmpty()) {
            b.append(';');
          }
          b.append(order.value()).append('=').append(String.join(",", trades));
        });
    CursorChunks.put(cursor, CURSOR_KEY, b.toString());
  }

  /** Takes back what {@link #export} wrote (nothing when the cursor has none). */
  void restore(Map<String, String> cursor) {
    byOrder.clear();
    String text = CursorChunks.get(cursor, CURSOR_KEY);
    if (text == null || text.isEmpty()) {
      return;
    }
    for (String entry : text.split(";")) {
      int eq = entry.indexOf('=');
      Set<String> trades = new LinkedHashSet<>();
      for (String t : entry.substring(eq + 1).split(",")) {
        if (!t.isEmpty()) {
          trades.add(t);
        }
      }
      byOrder.put(ClientOrderId.of(entry.substring(0, eq)), trades);
    }
  }
}
