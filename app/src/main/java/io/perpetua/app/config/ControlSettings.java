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
    validateCarry(c);
  }

  private static void validateCarry(ControlSection c) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < c.carry().size(); i++) {
      ControlSection.Carry k = c.carry().get(i);
      String key = "control.carry[" + i + "]";
      if (k.id() == null || !k.id().matches("[a-z0-9][a-z0-9-]{0,63}") || !ids.add(k.id())) {
        throw new ConfigException(key + ".id", "must be a unique [a-z0-9][a-z0-9-]{0,63}");
      }
      if (k.underlying() == null || !k.underlying().matches("[A-Z0-9]{1,20}-USD")) {
        throw new ConfigException(
            key + ".underlying", "must be like BTC-USD, was " + k.underlying());
      }
      requireAccount(c, k.spotAccount(), "spot", key + ".spot_account");
      requireAccount(c, k.perpAccount(), "perp", key + ".perp_account");
      if (!(k.maxNotional() > 0)) {
        throw new ConfigException(key + ".max_notional", "must be a positive number of USDT");
      }
      if (k.spotFee() != null && !(k.spotFee() >= 0 && k.spotFee() < 0.01)) {
        throw new ConfigException(key + ".spot_fee", "must be in [0, 0.01)");
      }
      if (k.tickMs() != null && (k.tickMs() < 100 || k.tickMs() > 60_000)) {
        throw new ConfigException(key + ".tick_ms", "must be 100..60000");
      }
    }
  }

  private static void requireAccount(ControlSection c, String id, String kind, String key) {
    boolean found =
        c.accounts().stream()
            .anyMatch(
                a ->
                    a.id().equals(id)
                        && a.venue().equals("fake-binance")
                        && kind.equalsIgnoreCase(a.kind()));
    if (!found) {
      throw new ConfigException(
          key, "must name a control account on fake-binance of kind " + kind + ", was " + id);
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
