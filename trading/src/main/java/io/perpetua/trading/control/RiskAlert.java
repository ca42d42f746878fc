package io.perpetua.trading.control;

import java.util.Map;

/**
 * Spec 001 {@code RiskAlert}.
 *
 * @param id alert id
 * @param type {@code delta-alert}, {@code utilization-alert}, {@code failover-alert} or {@code
 *     proxy-alert}
 * @param severity {@code INFO}, {@code WARN} or {@code CRITICAL}
 * @param accountId the account it concerns ({@code system} for feed alerts)
 * @param message what happened
 * @param timestamp epoch ms
 * @param data details
 */
public record RiskAlert(
    String id,
    String type,
    String severity,
    String accountId,
    String message,
    long timestamp,
    Map<String, Object> data) {
  /** The alert types of spec 001. */
  public static final String DELTA = "delta-alert";

  /** Utilisation outside its tolerance. */
  public static final String UTILIZATION = "utilization-alert";

  /** A market-data feed switch. */
  public static final String FAILOVER = "failover-alert";

  /** A proxy/connection failure. */
  public static final String PROXY = "proxy-alert";

  /** Validates the alert. */
  public RiskAlert {
    data = Map.copyOf(data);
  }
}
