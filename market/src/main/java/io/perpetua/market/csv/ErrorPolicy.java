package io.perpetua.market.csv;

import io.perpetua.core.WireCode;

/** What a reader does with a malformed line. Wire codes {@code skip} and {@code stop}. */
public enum ErrorPolicy implements WireCode {
  /** Record a {@link DataIssue} ({@code file:line: reason}) and continue with the next line. */
  SKIP("skip"),
  /** Throw a {@link DataFormatException} naming the file and line. */
  STOP("stop");

  private final String code;

  ErrorPolicy(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  /** Parses {@code skip} or {@code stop} (case-insensitive). */
  public static ErrorPolicy parse(String code) {
    return WireCode.parse(ErrorPolicy.class, "error policy", code);
  }
}
