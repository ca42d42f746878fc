package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiTokenTest {
  private static final String SECRET = "abcdefghijklmnop-secret";

  @Test
  void matches_onlyTheExactToken() {
    ApiToken token = ApiToken.of(SECRET);
    assertThat(token.matches(SECRET)).isTrue();
    assertThat(token.matches(SECRET + "x")).isFalse();
    assertThat(token.matches(SECRET.substring(1))).isFalse();
    assertThat(token.matches("")).isFalse();
    assertThat(token.matches(null)).isFalse();
  }

  @Test
  void toString_isRedacted() {
    assertThat(ApiToken.of(SECRET).toString()).doesNotContain(SECRET).contains("redacted");
    assertThat(String.valueOf(ApiToken.of(SECRET))).doesNotContain("secret");
  }

  @Test
  void weakOrUnsendableTokens_areRejected_withoutEchoingThem() {
    assertThatThrownBy(() -> ApiToken.of("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("short\"");
    assertThatThrownBy(() -> ApiToken.of("abcdefgh ijklmnopq"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("ijklmnopq");
    assertThatThrownBy(() -> ApiToken.of(null)).isInstanceOf(NullPointerException.class);
  }
}
