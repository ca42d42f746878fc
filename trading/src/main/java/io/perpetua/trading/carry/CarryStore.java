package io.perpetua.trading.carry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a carry instance keeps what must survive a restart and what its records are: the machine's
 * state (write-ahead, before every order), both legs' orders, the ledger, funding income per
 * settlement, position snapshots with the hedge deviation and risk events. Readers return the rows
 * of every run of the instance, oldest first, at most {@code limit} of the newest. Implementations
 * are thread-safe.
 */
public interface CarryStore {
  /**
   * An order of a leg, recorded before it is sent.
   *
   * @param timeMs when it was sent, epoch ms
   * @param clientOrderId its deterministic client id
   * @param leg {@code spot} or {@code perp}
   * @param side {@code BUY} or {@code SELL}
   * @param quantity quantity as a decimal string
   * @param limitPrice limit as a decimal string
   * @param mode {@code dry_run} or {@code real}
   */
  record OrderRecord(
      long timeMs,
      String clientOrderId,
      String leg,
      String side,
      String quantity,
      String limitPrice,
      String mode) {}

  /**
   * Both positions at a moment, with the hedge deviation.
   *
   * @param timeMs when, epoch ms
   * @param state the carry state code
   * @param spotPosition spot position, decimal string
   * @param perpPosition perp position, decimal string (a short is negative)
   * @param hedgeDeviation {@code |spot + perp| / max(|spot|, |perp|)}
   */
  record Snapshot(
      long timeMs, String state, String spotPosition, String perpPosition, double hedgeDeviation) {}

  /** The stored state of instance {@code id}, empty before its first save. */
  Optional<Map<String, String>> loadState(String id);

  /** Replaces the stored state of {@code id}. */
  void saveState(String id, Map<String, String> state);

  /** Appends an order record. */
  void appendOrder(String id, OrderRecord order);

  /** Appends a ledger line. */
  void appendLedger(String id, CarryLedger line, String mode);

  /** Appends funding booked at a settlement. */
  void appendFunding(String id, CarryFunding funding, String mode);

  /** Appends a position snapshot. */
  void appendSnapshot(String id, Snapshot snapshot);

  /** Appends a risk event. */
  void appendEvent(String id, CarryAlert event);

  /** The newest {@code limit} orders of {@code id}, oldest first. */
  List<OrderRecord> orders(String id, int limit);

  /** The newest {@code limit} ledger lines of {@code id} with their mode, oldest first. */
  List<Moded<CarryLedger>> ledger(String id, int limit);

  /** The newest {@code limit} funding settlements of {@code id} with their mode, oldest first. */
  List<Moded<CarryFunding>> funding(String id, int limit);

  /** The newest {@code limit} snapshots of {@code id}, oldest first. */
  List<Snapshot> snapshots(String id, int limit);

  /** The newest {@code limit} risk events of {@code id}, oldest first. */
  List<CarryAlert> events(String id, int limit);

  /**
   * A record with the mode it was made in.
   *
   * @param mode {@code dry_run} or {@code real}
   * @param value the record
   * @param <T> its type
   */
  record Moded<T>(String mode, T value) {}
}
