package io.perpetua.trading.registry;

/**
 * One parameter's change: the value in force when requested and the requested one (numbers,
 * strings, booleans or lists as configured).
 *
 * @param oldValue the value before, or null when it was not set
 * @param newValue the requested value
 */
public record ParameterChange(Object oldValue, Object newValue) {}
