package io.perpetua.server.http;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A typed query or path parameter of a {@link Route}: its name, OpenAPI type, constraints, default
 * and parser. The same declaration validates requests (a bad value is a 40001 error naming the
 * parameter and what it accepts, an absent required one a 40002) and documents the parameter in the
 * OpenAPI document.
 *
 * <p>Immutable: the {@code required}, {@code withDefault}, {@code description} and {@code inPath}
 * methods return modified copies. Thread-safe.
 *
 * @param <T> the parsed Java type
 */
public final class Param<T> {
  /** Where the parameter is carried. */
  public enum Location {
    /** In the query string. */
    QUERY,
    /** In a {@code {name}} segment of the route path. */
    PATH
  }

  private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9_]*");
  private static final LocalDate FIRST_DATE = LocalDate.EPOCH;
  private static final Pattern ASCII_INTEGER = Pattern.compile("-?[0-9]{1,10}");

  private final String name;
  private final Location location;
  private final String type;
  private final String format;
  private final boolean required;
  private final T defaultValue;
  private final List<String> allowedValues;
  private final Long minimum;
  private final Long maximum;
  private final String description;
  private final String pattern;
  private final Function<String, T> parser;

  private Param(
      String name,
      Location location,
      String type,
      String format,
      boolean required,
      T defaultValue,
      List<String> allowedValues,
      Long minimum,
      Long maximum,
      String description,
      String pattern,
      Function<String, T> parser) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("parameter name must be snake_case: " + name);
    }
    this.name = name;
    this.location = location;
    this.type = type;
    this.format = format;
    this.required = required;
    this.defaultValue = defaultValue;
    this.allowedValues = List.copyOf(allowedValues);
    this.minimum = minimum;
    this.maximum = maximum;
    this.description = description;
    this.pattern = pattern;
    this.parser = parser;
  }

  /** An integer in {@code [min, max]}, written in ASCII digits with an optional minus sign. */
  public static Param<Integer> integer(String name, int min, int max) {
    if (min > max) {
      throw new IllegalArgumentException("min > max for " + name);
    }
    String expected = "an integer between " + min + " and " + max;
    return new Param<>(
        name,
        Location.QUERY,
        "integer",
        "int32",
        false,
        null,
        List.of(),
        (long) min,
        (long) max,
        "",
        null,
        raw -> {
          // ASCII digits only: Integer.parseInt would also read other scripts' digits ("٣")
          if (!ASCII_INTEGER.matcher(raw).matches()) {
            throw ApiException.invalid(name, expected, raw);
          }
          long value = Long.parseLong(raw);
          if (value < min || value > max) {
            throw ApiException.invalid(name, expected, raw);
          }
          return (int) value;
        });
  }

  /** One of {@code allowed} (case-sensitive); the parsed value is the matching allowed string. */
  public static Param<String> oneOf(String name, String... allowed) {
    if (allowed.length == 0) {
      throw new IllegalArgumentException("no allowed values for " + name);
    }
    List<String> values = List.of(allowed);
    String expected = "one of " + values;
    return new Param<>(
        name,
        Location.QUERY,
        "string",
        null,
        false,
        null,
        values,
        null,
        null,
        "",
        null,
        raw -> {
          int i = values.indexOf(raw);
          if (i < 0) {
            throw ApiException.invalid(name, expected, raw);
          }
          return values.get(i);
        });
  }

  /**
   * A calendar date {@code YYYY-MM-DD} from {@code 1970-01-01} on: times are epoch milliseconds
   * behind the API, and nothing is dated before the epoch (a year-0 {@code end_date} would end a
   * range before its implicit start).
   */
  public static Param<LocalDate> date(String name) {
    String expected = "a date YYYY-MM-DD from " + FIRST_DATE;
    return new Param<>(
        name,
        Location.QUERY,
        "string",
        "date",
        false,
        null,
        List.of(),
        null,
        null,
        "",
        null,
        raw -> {
          LocalDate date;
          try {
            date = raw.length() == 10 ? LocalDate.parse(raw) : null;
          } catch (DateTimeParseException e) {
            date = null;
          }
          if (date == null || date.isBefore(FIRST_DATE)) {
            throw ApiException.invalid(name, expected, raw);
          }
          return date;
        });
  }

  /** {@code true} or {@code false}. */
  public static Param<Boolean> bool(String name) {
    return new Param<>(
        name,
        Location.QUERY,
        "boolean",
        null,
        false,
        null,
        List.of(),
        null,
        null,
        "",
        null,
        raw ->
            switch (raw) {
              case "true" -> Boolean.TRUE;
              case "false" -> Boolean.FALSE;
              default -> throw ApiException.invalid(name, "true or false", raw);
            });
  }

  /**
   * A non-empty string of at most {@code maxLength} characters matching {@code pattern} (a regular
   * expression describing the whole value, e.g. {@code [a-z0-9_]+}).
   */
  public static Param<String> string(String name, String pattern, int maxLength) {
    Pattern compiled = Pattern.compile(pattern);
    String expected = "a string of at most " + maxLength + " characters matching " + pattern;
    return new Param<>(
        name,
        Location.QUERY,
        "string",
        null,
        false,
        null,
        List.of(),
        null,
        (long) maxLength,
        "",
        pattern,
        raw -> {
          if (raw.isEmpty() || raw.length() > maxLength || !compiled.matcher(raw).matches()) {
            throw ApiException.invalid(name, expected, raw);
          }
          return raw;
        });
  }

  /** A copy that must be present (path parameters always are). */
  public Param<T> required() {
    if (defaultValue != null) {
      throw new IllegalStateException(name + ": a required parameter cannot have a default");
    }
    return copy(location, true, null, description);
  }

  /** A copy used when the parameter is absent. */
  public Param<T> withDefault(T value) {
    Objects.requireNonNull(value, "default");
    if (required) {
      throw new IllegalStateException(name + ": a required parameter cannot have a default");
    }
    return copy(location, false, value, description);
  }

  /** A copy with a human description for the OpenAPI document. */
  public Param<T> description(String text) {
    return copy(location, required, defaultValue, Objects.requireNonNull(text));
  }

  /** A copy carried in the path ({@code {name}} in the route path); implies required. */
  public Param<T> inPath() {
    return copy(Location.PATH, true, null, description);
  }

  private Param<T> copy(Location loc, boolean req, T def, String desc) {
    return new Param<>(
        name, loc, type, format, req, def, allowedValues, minimum, maximum, desc, pattern, parser);
  }

  /**
   * Parses a raw value.
   *
   * @throws ApiException 40001 naming the parameter and what it accepts
   */
  public T parse(String raw) {
    return parser.apply(raw);
  }

  /** The wire name. */
  public String name() {
    return name;
  }

  /** Query or path. */
  public Location location() {
    return location;
  }

  /** OpenAPI type: {@code integer}, {@code string} or {@code boolean}. */
  public String type() {
    return type;
  }

  /** OpenAPI format ({@code int32}, {@code date}), if any. */
  public Optional<String> format() {
    return Optional.ofNullable(format);
  }

  /** Whether the request must carry it. */
  public boolean isRequired() {
    return required;
  }

  /** The value used when absent, if any. */
  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** The accepted values of an enumerated parameter; empty otherwise. */
  public List<String> allowedValues() {
    return allowedValues;
  }

  /** Inclusive minimum of an integer parameter. */
  public Optional<Long> minimum() {
    return "integer".equals(type) ? Optional.ofNullable(minimum) : Optional.empty();
  }

  /** Inclusive maximum of an integer parameter. */
  public Optional<Long> maximum() {
    return "integer".equals(type) ? Optional.ofNullable(maximum) : Optional.empty();
  }

  /** Maximum length of a string parameter. */
  public Optional<Long> maxLength() {
    return "string".equals(type) && format == null && allowedValues.isEmpty()
        ? Optional.ofNullable(maximum)
        : Optional.empty();
  }

  /** The regular expression a string parameter must match, if any. */
  public Optional<String> pattern() {
    return Optional.ofNullable(pattern);
  }

  /** Human description; empty when none was given. */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return "Param[" + name + " in " + location + "]";
  }
}
