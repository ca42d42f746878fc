package io.perpetua.jobs;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one id scheme of backtest jobs, for both HTTP APIs: {@code bt_} followed by 16 lower-case hex
 * digits (64 random bits from {@link SecureRandom}), e.g. {@code bt_3c91ef0a5d7e2b14}. Ids are
 * unguessable, so knowing one reveals nothing about others, and carry no date or sequence.
 * Stateless and thread-safe.
 */
public final class JobIds {
  /** The prefix of every backtest job id. */
  public static final String PREFIX = "bt_";

  /** The prefix of the ids of optimisation runs (jobs of the same service, their own queue). */
  public static final String OPTIMIZER_PREFIX = "opt_";

  private static final Pattern PREFIX_SHAPE = Pattern.compile("[a-z]{1,8}_");

  private static final Pattern ID = Pattern.compile("bt_[0-9a-f]{16}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private JobIds() {}

  /** A new random backtest job id. */
  public static String next() {
    return next(PREFIX);
  }

  /** A new random id with {@code prefix} (e.g. {@link #OPTIMIZER_PREFIX}). */
  public static String next(String prefix) {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return checkPrefix(prefix) + HexFormat.of().formatHex(bytes);
  }

  /** Whether {@code value} has the shape of a backtest job id. */
  public static boolean isValid(String value) {
    return value != null && ID.matcher(value).matches();
  }

  /** Whether {@code value} is {@code prefix} followed by 16 lower-case hex digits. */
  public static boolean isValid(String prefix, String value) {
    return value != null
        && value.length() == prefix.length() + 16
        && value.startsWith(prefix)
        && value
            .substring(prefix.length())
            .chars()
            .allMatch(c -> Character.digit(c, 16) >= 0 && !Character.isUpperCase(c));
  }

  /**
   * {@code prefix} if it is 1..8 lower-case letters and an underscore.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String checkPrefix(String prefix) {
    if (prefix == null || !PREFIX_SHAPE.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "job id prefix must be 1..8 lower-case letters and '_', was '" + prefix + "'");
    }
    return prefix;
  }
}
