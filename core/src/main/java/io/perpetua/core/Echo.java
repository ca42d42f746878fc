package io.perpetua.core;

/**
 * Client input quoted in an error message, cut to at most {@value #MAX} characters (then {@code
 * ...}) so that a huge value cannot bloat the answer or the log. Every message that quotes a value
 * it was given (a parameter, a symbol, a strategy name) quotes it through {@link #of}. Stateless.
 */
public final class Echo {
  /** The longest piece of input a message quotes. */
  public static final int MAX = 64;

  private Echo() {}

  /**
   * {@code value} as text, cut to {@value #MAX} characters plus {@code ...}; {@code null} for null.
   * A cut never splits a surrogate pair, and a lone surrogate is quoted as U+FFFD (it has no UTF-8
   * form, so the message could not be written back).
   */
  public static String of(Object value) {
    String text = String.valueOf(value);
    if (text.length() > MAX) {
      int end = Character.isHighSurrogate(text.charAt(MAX - 1)) ? MAX - 1 : MAX;
      text = text.substring(0, end) + "...";
    }
    return Unicode.isWellFormed(text) ? text : Unicode.replaceLoneSurrogates(text);
  }
}
