package io.perpetua.server.json;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Rounds a {@code double} property to a number of decimal places when it is serialised (half up),
 * written as a JSON number. The spec's precisions are {@link #PRICE}, {@link #WEIGHT} and {@link
 * #MONEY}. The OpenAPI schema states the precision in the property's description.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT
})
@JacksonAnnotationsInside
@JsonSerialize(using = DecimalsSerializer.class)
public @interface Decimals {
  /** Prices (and quantities): 8 decimal places. */
  int PRICE = 8;

  /** Weights, ratios and signal values: 6 decimal places. */
  int WEIGHT = 6;

  /** Money amounts: 2 decimal places. */
  int MONEY = 2;

  /** Decimal places kept, 0..18. */
  int value();
}
