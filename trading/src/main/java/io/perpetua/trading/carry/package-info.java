/**
 * The funding carry (spec §7): spot long + 1× perp short of equal notional, entered and left only
 * with a human's confirmation, halted on a hard trigger. {@link
 * io.perpetua.trading.carry.CarryMachine} is the state machine; its legs go through {@link
 * io.perpetua.trading.kernel.algo.OrderGateway}s, the kernel's order path (docs/funding-carry.md).
 */
package io.perpetua.trading.carry;
