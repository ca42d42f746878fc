package io.perpetua.trading.account;

import io.perpetua.core.order.Fill;
import java.util.Objects;

/**
 * A fill tagged with the venue account it happened on (e.g. {@code binance-main}, {@code
 * generic-hedge}).
 *
 * <p>Immutable.
 *
 * @param venue the venue account id
 * @param fill the fill
 */
public record VenueFill(String venue, Fill fill) {
  /** Validates the tag. */
  public VenueFill {
    if (venue == null || venue.isBlank()) {
      throw new IllegalArgumentException("a venue fill needs its venue account id");
    }
    Objects.requireNonNull(fill, "fill");
  }
}
