/**
 * The delta-neutral control plane of spec 001 (docs/control-plane.md): accounts on several venues
 * ({@link io.perpetua.trading.control.AccountRegistry}), delta control and hedging at least cost
 * ({@link io.perpetua.trading.control.DeltaController}), utilisation, per-account risk metrics and
 * alerts, and market-data feeds with failover ({@link io.perpetua.trading.control.FeedRouter}).
 * Orders go through {@link io.perpetua.trading.control.ControlGateway} onto the account's trading
 * kernel ({@link io.perpetua.trading.kernel.AccountKernel}): risk engine, trading journal before
 * the venue port, fills into the kernel account, deterministic client ids.
 */
package io.perpetua.trading.control;
