package io.perpetua.jobs;

/**
 * Where the money went: {@code net = gross − fees − slippage + funding}, all USDT.
 *
 * @param grossPnl PnL before fees, slippage and funding (at the prices before slippage)
 * @param fees fees paid
 * @param slippage cost of slippage and impact versus the reference price
 * @param funding funding received (negative when paid)
 * @param netPnl final equity − initial capital
 */
public record CostBreakdown(
    double grossPnl, double fees, double slippage, double funding, double netPnl) {}
