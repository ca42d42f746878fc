package io.perpetua.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ParamTest {
  private static ApiException failure(Param<?> p, String raw) {
    try {
      p.parse(raw);
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("accepted " + raw);
  }

  @Test
  void integer_acceptsTheRangeInclusive() {
    Param<Integer> p = Param.integer("limit", 1, 1000);
    assertThat(p.parse("1")).isEqualTo(1);
    assertThat(p.parse("1000")).isEqualTo(1000);
    for (String bad : new String[] {"0", "1001", "-5", "abc", "1e3", "99999999999", "2.0"}) {
      ApiException e = failure(p, bad);
      assertThat(e.error()).isEqualTo(ApiError.INVALID_PARAMETER);
      assertThat(e.getMessage())
          .isEqualTo(
              "Invalid parameter 'limit': expected an integer between 1 and 1000, got '"
                  + bad
                  + "'");
    }
  }

  @Test
  void oneOf_isCaseSensitive_andListsTheAllowedValues() {
    Param<String> p = Param.oneOf("side", "long", "short");
    assertThat(p.parse("short")).isEqualTo("short");
    assertThat(failure(p, "Long").getMessage())
        .isEqualTo("Invalid parameter 'side': expected one of [long, short], got 'Long'");
  }

  @Test
  void date_acceptsOnlyRealIsoDates() {
    Param<LocalDate> p = Param.date("start_date");
    assertThat(p.parse("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(p.parse("1970-01-01")).isEqualTo(LocalDate.EPOCH);
    for (String bad :
        new String[] {
          "2025-02-29", "2026-3-1", "20260301", "+12026-03-01", "x", "0000-01-01", "1969-12-31"
        }) {
      assertThat(failure(p, bad).getMessage()).contains("'start_date'").contains("YYYY-MM-DD");
    }
  }

  @Test
  void bool_acceptsOnlyTrueAndFalse() {
    Param<Boolean> p = Param.bool("dry_run");
    assertThat(p.parse("true")).isTrue();
    assertThat(p.parse("false")).isFalse();
    assertThat(failure(p, "1").getMessage()).contains("'dry_run'").contains("true or false");
  }

  @Test
  void string_checksPatternAndLength() {
    Param<String> p = Param.string("name", "[a-z_]+", 5);
    assertThat(p.parse("abc_d")).isEqualTo("abc_d");
    assertThat(failure(p, "abcdef").getMessage()).contains("at most 5");
    assertThat(failure(p, "AB").getMessage()).contains("'name'");
  }

  @Test
  void longInputIsTruncatedInMessages() {
    String huge = "x".repeat(10_000);
    assertThat(failure(Param.oneOf("side", "long"), huge).getMessage().length()).isLessThan(200);
  }

  @Test
  void modifiers_returnCopies() {
    Param<Integer> base = Param.integer("page", 1, 10);
    Param<Integer> withDefault = base.withDefault(1).description("Page");
    assertThat(base.defaultValue()).isEmpty();
    assertThat(withDefault.defaultValue()).contains(1);
    assertThat(withDefault.description()).isEqualTo("Page");
    assertThat(base.required().isRequired()).isTrue();
    assertThat(base.inPath().location()).isEqualTo(Param.Location.PATH);
    assertThatThrownBy(() -> base.required().withDefault(2))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Param.integer("Bad-Name", 1, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missing_namesTheParameter() {
    ApiException e = ApiException.missing("start_date");
    assertThat(e.error()).isEqualTo(ApiError.MISSING_PARAMETER);
    assertThat(e.getMessage()).isEqualTo("Missing required parameter 'start_date'");
  }
}
