package io.perpetua.trading.lifecycle;

import io.perpetua.core.Echo;
import java.util.Locale;

/**
 * Where a candidate version stands on its way to production (spec 003 §13): {@code paper → shadow →
 * canary → prod}. The codes cross the wire and are stored.
 */
public enum Stage {
  /** Created, not running: waiting to be put in shadow. */
  PAPER("paper"),
  /** Decides beside the stable version on the same data, trades nothing: a virtual book only. */
  SHADOW("shadow"),
  /** Trades a slice of the strategy's capital through the kernel. */
  CANARY("canary"),
  /** The stable version: trades the strategy's capital. */
  PROD("prod");

  private final String code;

  Stage(String code) {
    this.code = code;
  }

  /** The stable code ({@code paper}, {@code shadow}, {@code canary}, {@code prod}). */
  public String code() {
    return code;
  }

  /** The stage after this one, or null for {@code prod}. */
  public Stage next() {
    return this == PROD ? null : values()[ordinal() + 1];
  }

  /**
   * The stage of {@code code}.
   *
   * @throws LifecycleException INVALID naming the field {@code stage}
   */
  public static Stage parse(String code) {
    String c = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
    for (Stage s : values()) {
      if (s.code.equals(c)) {
        return s;
      }
    }
    throw new LifecycleException(
        LifecycleException.Kind.INVALID,
        "Invalid field 'stage': expected paper, shadow, canary or prod, was " + Echo.of(code));
  }
}
