package io.perpetua.app.config;

import io.perpetua.trading.control.AccountKind;
import io.perpetua.trading.control.ControlAccount;
import io.perpetua.trading.control.MarginMode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code control:} section: validation and the accounts it configures. */
public final class ControlSettings {
  /** The venues a control account can be on (local fakes, in-process). */
  public static final List<String> VENUES = List.of("fake-binance", "generic");

  private ControlSettings() {}

  /** Checks the section; the message names the key. */
  public static void validate(ControlSection c) {
    if (c == null) {
      return;
    }
    if (c.pollMs() < 100) {
      throw new ConfigException("control.poll_ms", "must be at least 100, was " + c.pollMs());
    }
    if (c.failingAfterMs() < 2 * c.pollMs()) {
      throw new ConfigException("control.failing_after_ms", "must be at least 2 x control.poll_ms");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < c.accounts().size(); i++) {
      ControlSection.Account a = c.accounts().get(i);
      String key = "control.accounts[" + i + "]";
      if (!VENUES.contains(a.venue())) {
        throw new ConfigException(
            key + ".venue", "must be one of " + VENUES + ", was " + a.venue());
      }
      if (!(a.capital() > 0)) {
        throw new ConfigException(key + ".capital", "must be a positive number");
      }
      account(a, key);
      if (!ids.add(a.id())) {
        throw new ConfigException(key + ".id", "account " + a.id() + " is configured twice");
      }
    }
  }

  /** The account of {@code a} (validated; {@code key} names it in errors). */
  public static ControlAccount account(ControlSection.Account a, String key) {
    try {
      return new ControlAccount(
          a.id(),
          a.venue(),
          AccountKind.parse(a.kind()),
          a.credentials(),
          a.leverage(),
          MarginMode.parse(a.marginMode()),
          BigDecimal.valueOf(a.takerFee()),
          Map.of());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ConfigException(key, String.valueOf(e.getMessage()), e);
    }
  }
}
