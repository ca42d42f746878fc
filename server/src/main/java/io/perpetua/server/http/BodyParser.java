package io.perpetua.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a JSON request body into a route's body type and turns every failure into an {@link
 * ApiException} naming the field: syntax errors are 40003, a missing required field ({@code
 * JsonProperty(required = true)} or an {@link ApiException#missing} thrown by the record) is 40002,
 * a wrong type, an unknown field or a value the record rejects is 40001; a body that is not the
 * JSON object (or array) the route takes, the literal {@code null} included, is 40003. Field names
 * quoted from the body are cut like any echoed input. Stateless.
 */
final class BodyParser {
  private static final Pattern MISSING =
      Pattern.compile("Missing required creator property '([^']+)'");

  private BodyParser() {}

  static Object parse(ObjectMapper mapper, byte[] body, Class<?> type) {
    if (body == null || isBlank(body)) {
      throw new ApiException(ApiError.MALFORMED_BODY, "Request body is required: a JSON object");
    }
    Object value;
    try {
      value = mapper.readValue(body, type);
    } catch (InputCoercionException e) {
      throw new ApiException(
          ApiError.INVALID_PARAMETER, "Invalid request body at " + at(e) + ": number out of range");
    } catch (StreamReadException e) {
      throw new ApiException(
          ApiError.MALFORMED_BODY,
          "Malformed JSON body at " + at(e) + ": " + e.getOriginalMessage());
    } catch (UnrecognizedPropertyException e) {
      throw new ApiException(
          ApiError.INVALID_PARAMETER,
          "Unknown field '"
              + field(e)
              + "' in request body; accepted fields: "
              + sorted(e.getKnownPropertyIds()));
    } catch (ValueInstantiationException e) {
      throw fromRecord(e);
    } catch (MismatchedInputException e) {
      throw fromMismatch(e, type);
    } catch (JsonMappingException e) {
      throw new ApiException(
          ApiError.INVALID_PARAMETER, "Invalid request body at '" + field(e) + "'");
    } catch (JsonProcessingException e) {
      // e.g. a token or nesting beyond Jackson's stream limits: its messages quote no input
      throw new ApiException(
          ApiError.MALFORMED_BODY, "Malformed JSON body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiException(ApiError.MALFORMED_BODY, "Request body could not be read");
    }
    if (value == null) { // the literal null
      throw new ApiException(ApiError.MALFORMED_BODY, "Request body must be " + shape(type));
    }
    return value;
  }

  private static String shape(Class<?> type) {
    return Collection.class.isAssignableFrom(type) ? "a JSON array" : "a JSON object";
  }

  /** {@code line L, column C} of a syntax error. */
  private static String at(StreamReadException e) {
    return "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private static ApiException fromRecord(ValueInstantiationException e) {
    Throwable cause = e.getCause();
    if (cause instanceof ApiException api) {
      return api;
    }
    if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
      return new ApiException(
          ApiError.INVALID_PARAMETER, "Invalid request body: " + cause.getMessage());
    }
    return new ApiException(ApiError.INVALID_PARAMETER, "Invalid request body");
  }

  private static ApiException fromMismatch(MismatchedInputException e, Class<?> bodyType) {
    Matcher missing = MISSING.matcher(String.valueOf(e.getOriginalMessage()));
    if (missing.find()) {
      String path = path(e); // includes the missing property when Jackson records it
      return ApiException.missing(
          path.isEmpty() || !path.endsWith(missing.group(1)) ? missing.group(1) : path);
    }
    if (e.getPath().isEmpty()) {
      return new ApiException(ApiError.MALFORMED_BODY, "Request body must be " + shape(bodyType));
    }
    return new ApiException(
        ApiError.INVALID_PARAMETER,
        "Invalid field '" + field(e) + "': expected " + describe(e.getTargetType()));
  }

  /**
   * The dotted path of the error ({@code a.b[2].c}), or empty at the top level; cut like any echoed
   * input, since the names in it (unknown fields, map keys) come from the client.
   */
  private static String field(JsonMappingException e) {
    return ApiException.echo(path(e));
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "a different type";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || type == float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == LocalDate.class) {
      return "a date YYYY-MM-DD";
    }
    if (type.isEnum()) {
      return "one of " + sorted(Arrays.asList(type.getEnumConstants()));
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return "a " + type.getSimpleName();
  }

  private static String sorted(Collection<?> values) {
    return values.stream()
        .map(String::valueOf)
        .collect(Collectors.toCollection(TreeSet::new))
        .toString();
  }
}
