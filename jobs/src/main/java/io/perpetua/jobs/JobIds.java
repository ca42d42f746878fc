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
  /** The prefix of every job id. */
  public static final String PREFIX = "bt_";

  private static final Pattern ID = Pattern.compile("bt_[0-9a-f]{16}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private JobIds() {}

  /** A new random id. */
  public static String next() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return PREFIX + HexFormat.of().formatHex(bytes);
  }

  /** Whether {@code value} has the shape of a job id. */
  public static boolean isValid(String value) {
    return value != null && ID.matcher(value).matches();
  }
}
