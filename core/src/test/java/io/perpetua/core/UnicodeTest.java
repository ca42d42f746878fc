package io.perpetua.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnicodeTest {
  @Test
  void isWellFormed_pairsYes_loneHighOrLowNo() {
    assertThat(Unicode.isWellFormed("a\uD83D\uDE00b")).isTrue(); // a pair: one code point
    assertThat(Unicode.isWellFormed("")).isTrue();
    assertThat(Unicode.isWellFormed("a\uD800")).isFalse();
    assertThat(Unicode.isWellFormed("\uDC00a")).isFalse();
    assertThat(Unicode.isWellFormed("\uDE00\uD83D")).isFalse(); // reversed pair
  }

  @Test
  void replaceLoneSurrogates_keepsPairs_replacesOnlyTheLoneOnes() {
    assertThat(Unicode.replaceLoneSurrogates("x\uD800y\uD83D\uDE00\uDC00"))
        .isEqualTo("x\uFFFDy\uD83D\uDE00\uFFFD");
  }

  @Test
  void echo_quotesALoneSurrogateAsTheReplacementCharacter_andCutsFirst() {
    assertThat(Echo.of("k\uDC00")).isEqualTo("k\uFFFD");
    String cut = Echo.of("\uD800".repeat(100));
    assertThat(cut).isEqualTo("\uFFFD".repeat(63) + "...");
  }
}
