package io.perpetua.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives client order ids deterministically from the decision that produced an order, so a retry
 * of the same decision produces the same id and the venue rejects the duplicate instead of doubling
 * the order.
 *
 * <p>Format: {@code pp-<first 28 hex chars of SHA-256(strategy|decision|leg)>} (31 characters,
 * within Binance's 36-character limit). Stateless and thread-safe.
 */
public final class ClientOrderIds {
  private ClientOrderIds() {}

  /** The id for leg {@code leg} of decision {@code decision} of {@code strategy}. */
  public static ClientOrderId derive(StrategyId strategy, String decision, String leg) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest(
              (strategy.value() + "|" + decision + "|" + leg).getBytes(StandardCharsets.UTF_8));
      return new ClientOrderId("pp-" + HexFormat.of().formatHex(digest).substring(0, 28));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
