package io.perpetua.readmodel;

import java.util.List;
import java.util.Objects;

/**
 * An asset pool's latest selection ({@code quant:asset_pool:<name>}): its members in rank order
 * with the metric value and days of history each had, and for a monthly pool the reference month.
 *
 * @param poolName pool name
 * @param refreshedAtMs kernel time of the refresh
 * @param referenceMonth the month ranked ({@code 2026-02}), null for trailing-volume pools
 * @param members members, rank 1 first
 */
public record PoolSnapshot(
    String poolName, long refreshedAtMs, String referenceMonth, List<Member> members) {
  /**
   * One member.
   *
   * @param symbol API symbol, e.g. {@code BTC/USDT:USDT}
   * @param rank 1 = highest metric
   * @param metricValue the ranking metric (USDT volume)
   * @param historyDays whole days of bars at the refresh
   */
  public record Member(String symbol, int rank, double metricValue, int historyDays) {}

  /** Validates and copies. */
  public PoolSnapshot {
    Objects.requireNonNull(poolName, "poolName");
    members = List.copyOf(members);
  }
}
