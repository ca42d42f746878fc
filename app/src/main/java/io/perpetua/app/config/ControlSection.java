package io.perpetua.app.config;

import java.util.List;

/**
 * The {@code control:} section: the control plane's accounts (spec 001) and its feed checks
 * (docs/control-plane.md).
 *
 * @param accounts the accounts; none: the control plane is off
 * @param pollMs each account's book is polled this often (its {@code <id>-rest} feed)
 * @param failingAfterMs a feed without an update this long is failing (failover)
 * @param carry funding-carry instances over these accounts (docs/funding-carry.md); none when
 *     absent
 */
public record ControlSection(
    List<Account> accounts, long pollMs, long failingAfterMs, List<Carry> carry) {
  /** No accounts (or carries) when the list is absent. */
  public ControlSection {
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
    carry = carry == null ? List.of() : List.copyOf(carry);
  }

  /**
   * One funding-carry instance: spot long on {@code spotAccount}, perp short on {@code
   * perpAccount}. The hard limits besides {@code maxNotional} are spec §7's, fixed; nothing at run
   * time changes any of them.
   *
   * @param id instance id ({@code [a-z0-9][a-z0-9-]{0,63}})
   * @param underlying e.g. {@code BTC-USD}
   * @param spotAccount a control account of kind {@code spot}
   * @param perpAccount a control account of kind {@code perp}
   * @param maxNotional largest notional per leg, USDT
   * @param spotFee spot taker fee (dry-run fills; default 0.001)
   * @param tickMs how often the accounts are read (default 1000)
   */
  public record Carry(
      String id,
      String underlying,
      String spotAccount,
      String perpAccount,
      double maxNotional,
      Double spotFee,
      Long tickMs) {}

  /**
   * One control-plane account.
   *
   * @param id account id ({@code [a-z0-9][a-z0-9-]{0,63}})
   * @param venue {@code fake-binance} or {@code generic} (both in-process local fakes)
   * @param kind {@code perp} (or {@code spot})
   * @param credentials a reference: {@code none}, {@code env:NAME} or {@code file:/path}
   * @param leverage 1..125
   * @param marginMode {@code cross} or {@code isolated}
   * @param takerFee fee per unit of notional, e.g. 0.0004
   * @param capital USDT in the local fake's wallet
   */
  public record Account(
      String id,
      String venue,
      String kind,
      String credentials,
      int leverage,
      String marginMode,
      double takerFee,
      double capital) {}
}
