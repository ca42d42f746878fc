package io.perpetua.backtest.funding;

/**
 * The funding of one venue, underlying and calendar year (UTC).
 *
 * @param venue venue code
 * @param asset base asset
 * @param year calendar year of the settlements (UTC)
 * @param settlements settlements counted
 * @param mean8hRate mean rate normalised to 8 h
 * @param annualisedYield gross yield of a short perp: {@code mean8hRate × 3 × 365}
 * @param negativeShare share of settlements with a negative rate
 */
public record FundingYield(
    String venue,
    String asset,
    int year,
    int settlements,
    double mean8hRate,
    double annualisedYield,
    double negativeShare) {}
