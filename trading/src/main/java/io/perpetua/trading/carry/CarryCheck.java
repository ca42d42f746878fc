package io.perpetua.trading.carry;

/**
 * One item of the acceptance checklist for real mode.
 *
 * @param name stable code
 * @param passed whether it holds now
 * @param detail what was found
 */
public record CarryCheck(String name, boolean passed, String detail) {}
