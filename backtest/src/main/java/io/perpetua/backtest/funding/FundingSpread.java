package io.perpetua.backtest.funding;

/**
 * The funding spread between two venues on one underlying: venue {@code a} minus venue {@code b}
 * over the 8-hour windows where both settled.
 *
 * @param asset base asset
 * @param venueA first venue
 * @param venueB second venue
 * @param windows 8-hour windows both venues settled in
 * @param meanAnnualised mean of {@code a − b}, annualised (× 3 × 365)
 * @param meanAbsAnnualised mean of {@code |a − b|}, annualised
 */
public record FundingSpread(
    String asset,
    String venueA,
    String venueB,
    int windows,
    double meanAnnualised,
    double meanAbsAnnualised) {}
