package io.perpetua.analytics.overfit;

/**
 * A confidence interval around an estimate. Immutable.
 *
 * @param estimate the value on the original sample
 * @param lower the lower bound
 * @param upper the upper bound
 * @param confidence the two-sided level, e.g. 0.95
 */
public record Interval(double estimate, double lower, double upper, double confidence) {}
