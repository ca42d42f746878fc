package io.perpetua.server.openapi;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Derives OpenAPI 3.0 schemas from the Java types the handlers return (records), using Jackson's
 * own view of their properties, so the documented names and types are the serialised ones. Records
 * become named component schemas ({@code #/components/schemas/<SimpleName>}); {@link Decimals},
 * {@link Doc} and {@link Nullable} refine the properties. Not thread-safe: one instance per
 * document.
 */
final class SchemaGenerator {
  private final ObjectMapper mapper;
  private final ObjectNode schemas;
  private final Map<String, Class<?>> named = new HashMap<>();

  /**
   * @param mapper the mapper that serialises the types
   * @param schemas the {@code components.schemas} object to fill
   */
  SchemaGenerator(ObjectMapper mapper, ObjectNode schemas) {
    this.mapper = mapper;
    this.schemas = schemas;
  }

  /**
   * The schema of {@code type}. For request bodies ({@code request}), only properties declared
   * {@code JsonProperty(required = true)} are required; for responses every property is (they are
   * always present, possibly null).
   */
  ObjectNode schema(Class<?> type, boolean request) {
    return schema(mapper.constructType(type), request);
  }

  private ObjectNode schema(JavaType type, boolean request) {
    ObjectNode s = mapper.createObjectNode();
    Class<?> raw = type.getRawClass();
    if (raw == String.class || raw == char.class || raw == Character.class) {
      s.put("type", "string");
    } else if (raw == boolean.class || raw == Boolean.class) {
      s.put("type", "boolean");
    } else if (raw == int.class
        || raw == Integer.class
        || raw == short.class
        || raw == byte.class) {
      s.put("type", "integer").put("format", "int32");
    } else if (raw == long.class || raw == Long.class) {
      s.put("type", "integer").put("format", "int64");
    } else if (raw == double.class || raw == Double.class || raw == float.class) {
      s.put("type", "number").put("format", "double");
    } else if (raw == BigDecimal.class) {
      s.put("type", "number");
    } else if (raw == Instant.class) {
      s.put("type", "string").put("format", "date-time");
    } else if (raw == LocalDate.class) {
      s.put("type", "string").put("format", "date");
    } else if (raw.isEnum()) {
      ArrayNode values = s.put("type", "string").putArray("enum");
      for (Object constant : raw.getEnumConstants()) {
        values.add(mapper.valueToTree(constant).asText());
      }
    } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
      s.put("type", "array").set("items", schema(type.getContentType(), request));
    } else if (Map.class.isAssignableFrom(raw)) {
      s.put("type", "object");
      JavaType values = type.getContentType();
      if (values == null || values.getRawClass() == Object.class) {
        s.put("additionalProperties", true);
      } else {
        s.set("additionalProperties", schema(values, request));
      }
    } else if (raw == Object.class) {
      s.put("description", "any JSON value");
    } else {
      s.put("$ref", "#/components/schemas/" + component(type, request));
    }
    return s;
  }

  private String component(JavaType type, boolean request) {
    Class<?> raw = type.getRawClass();
    String name = raw.getSimpleName();
    Class<?> previous = named.putIfAbsent(name, raw);
    if (previous != null) {
      if (previous != raw) {
        throw new IllegalStateException(
            "two schema types named " + name + ": " + previous.getName() + ", " + raw.getName());
      }
      return name;
    }
    ObjectNode object = schemas.putObject(name); // reserve first: types may refer to themselves
    object.put("type", "object");
    ArrayNode required = mapper.createArrayNode();
    ObjectNode properties = mapper.createObjectNode();
    BeanDescription bean = mapper.getSerializationConfig().introspect(type);
    for (BeanPropertyDefinition p : bean.findProperties()) {
      properties.set(p.getName(), property(p, request));
      if (!request || p.isRequired()) {
        required.add(p.getName());
      }
    }
    if (!required.isEmpty()) {
      object.set("required", required);
    }
    object.set("properties", properties);
    object.put("additionalProperties", false);
    return name;
  }

  private ObjectNode property(BeanPropertyDefinition p, boolean request) {
    ObjectNode s = schema(p.getPrimaryType(), request);
    AnnotatedMember member = p.getPrimaryMember();
    Doc doc = member == null ? null : member.getAnnotation(Doc.class);
    Decimals decimals = member == null ? null : member.getAnnotation(Decimals.class);
    boolean nullable = member != null && member.hasAnnotation(Nullable.class);
    if (s.has("$ref") && (nullable || doc != null)) {
      // OpenAPI 3.0 ignores siblings of $ref: wrap it.
      ObjectNode wrapped = mapper.createObjectNode();
      wrapped.putArray("allOf").add(s);
      s = wrapped;
    }
    StringBuilder description = new StringBuilder(doc == null ? "" : doc.value());
    if (decimals != null) {
      description
          .append(description.isEmpty() ? "" : ". ")
          .append("Rounded to ")
          .append(decimals.value())
          .append(" decimal places.");
    }
    if (!description.isEmpty()) {
      s.put("description", description.toString());
    }
    if (doc != null && doc.allowed().length > 0) {
      ArrayNode values = s.putArray("enum");
      for (String v : doc.allowed()) {
        values.add(v);
      }
      if (nullable) {
        values.addNull();
      }
    }
    if (nullable) {
      s.put("nullable", true);
    }
    return s;
  }
}
