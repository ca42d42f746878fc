package io.perpetua.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes a number rounded to the places of its property's {@link Decimals} annotation. The number
 * is written in plain notation with trailing zeros removed but at least one decimal place (so
 * {@code 62450} is {@code 62450.0} and always reads as a floating-point number). Non-finite values
 * (NaN, infinities) have no JSON form and are written as {@code null}. Immutable and thread-safe.
 */
public final class DecimalsSerializer extends StdSerializer<Number>
    implements ContextualSerializer {
  private static final long serialVersionUID = 1L;
  private static final int UNSET = -1;

  private final int places;

  /** Used by Jackson before contextualisation; writes unrounded until given a property. */
  public DecimalsSerializer() {
    this(UNSET);
  }

  private DecimalsSerializer(int places) {
    super(Number.class);
    this.places = places;
  }

  /** {@code value} rounded half up to {@code places}, with at least one decimal place. */
  public static BigDecimal round(double value, int places) {
    if (places < 0 || places > 18) {
      throw new IllegalArgumentException("places must be 0..18: " + places);
    }
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP);
    BigDecimal stripped = rounded.stripTrailingZeros();
    return stripped.scale() < 1 ? stripped.setScale(1, RoundingMode.UNNECESSARY) : stripped;
  }

  @Override
  public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property) {
    Decimals decimals = property == null ? null : property.getAnnotation(Decimals.class);
    return decimals == null ? this : new DecimalsSerializer(decimals.value());
  }

  @Override
  public void serialize(Number value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    double d = value.doubleValue();
    if (!Double.isFinite(d)) {
      gen.writeNull();
    } else if (places == UNSET) {
      gen.writeNumber(d);
    } else {
      gen.writeNumber(round(d, places));
    }
  }
}
