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
  // one digest per thread: MessageDigest.getInstance costs more than hashing the short input
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(ClientOrderIds::newDigest);
  private static final HexFormat HEX = HexFormat.of();

  private ClientOrderIds() {}

  /** The id for leg {@code leg} of decision {@code decision} of {@code strategy}. */
  public static ClientOrderId derive(StrategyId strategy, String decision, String leg) {
    byte[] digest =
        SHA256
            .get()
            .digest(
                (strategy.value() + "|" + decision + "|" + leg).getBytes(StandardCharsets.UTF_8));
    return new ClientOrderId("pp-" + HEX.formatHex(digest, 0, 14));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
