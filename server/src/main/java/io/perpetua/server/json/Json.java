package io.perpetua.server.json;

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
import io.perpetua.core.time.Times;
import java.io.IOException;
import java.time.Instant;

/**
 * The API's JSON conventions in one {@link ObjectMapper}: snake_case property names, instants as
 * ISO-8601 UTC with second precision ({@code 2026-03-02T23:59:00Z}), dates as {@code YYYY-MM-DD},
 * {@link Decimals} rounding, and strict reading (unknown fields, nulls for primitives, floats for
 * integers and trailing tokens are errors).
 */
public final class Json {
  private Json() {}

  /** A new mapper with the API conventions; configure once, then share (it is thread-safe). */
  public static ObjectMapper newMapper() {
    SimpleModule instants = new SimpleModule("perpetua-instants");
    instants.addSerializer(Instant.class, new InstantSerializer());
    return JsonMapper.builder()
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
