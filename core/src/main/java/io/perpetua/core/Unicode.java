package io.perpetua.core;

/**
 * Text checks at the boundaries: client input that is not well-formed Unicode cannot be stored or
 * written back as UTF-8, so it is refused where it enters. Stateless.
 */
public final class Unicode {
  private Unicode() {}

  /** Whether every surrogate in {@code text} is half of a pair (no lone surrogate). */
  public static boolean isWellFormed(String text) {
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (Character.isSurrogate((char) cp) && Character.charCount(cp) == 1) {
        return false; // codePointAt returns an unpaired surrogate as itself
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /** {@code text} with every lone surrogate replaced by U+FFFD, the replacement character. */
  public static String replaceLoneSurrogates(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      boolean lone = Character.isSurrogate((char) cp) && Character.charCount(cp) == 1;
      out.appendCodePoint(lone ? 0xFFFD : cp);
      i += Character.charCount(cp);
    }
    return out.toString();
  }
}
