package io.perpetua.server.json;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.perpetua.core.Echo;
import io.perpetua.core.time.Times;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The API's JSON conventions in one {@link ObjectMapper}: snake_case property names, instants as
 * ISO-8601 UTC with second precision ({@code 2026-03-02T23:59:00Z}), dates as {@code YYYY-MM-DD},
 * {@link Decimals} rounding, numbers without an exponent, and strict reading (unknown fields, nulls
 * for primitives, floats for integers, anything but a well-formed JSON string for a string ({@link
 * StrictStringDeserializer}) and trailing tokens are errors; syntax errors quote at most {@link
 * Echo#MAX} characters of the offending token).
 */
public final class Json {
  private Json() {}

  /** A new mapper with the API conventions; configure once, then share (it is thread-safe). */
  public static ObjectMapper newMapper() {
    SimpleModule instants = new SimpleModule("perpetua-instants");
    instants.addSerializer(Instant.class, new InstantSerializer());
    instants.addSerializer(Double.class, new PlainDoubleSerializer());
    instants.addSerializer(double.class, new PlainDoubleSerializer());
    instants.addDeserializer(String.class, new StrictStringDeserializer());
    JsonFactory factory =
        JsonFactory.builder()
            // Jackson quotes the offending token in syntax errors; quote no more than Echo does.
            .errorReportConfiguration(
                ErrorReportConfiguration.builder()
                    .maxErrorTokenLength(Echo.MAX)
                    .maxRawContentLength(0)
                    .build())
            .build();
    return JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        .addModule(instants)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
  }

  /**
   * Doubles without an exponent ({@code 0.0001}, not {@code 1.0E-4}), as the API documents every
   * number, e.g. a strategy parameter echoed in a job's config. Non-finite values are left to
   * Jackson.
   */
  private static final class PlainDoubleSerializer extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    PlainDoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      double d = value;
      if (Double.isFinite(d) && Double.toString(d).indexOf('E') >= 0) {
        gen.writeNumber(BigDecimal.valueOf(d).stripTrailingZeros());
      } else {
        gen.writeNumber(d);
      }
    }
  }

  /** Instants as {@link Times#iso(long)}. */
  private static final class InstantSerializer extends StdSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    InstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(Times.iso(value.toEpochMilli()));
    }
  }
}
