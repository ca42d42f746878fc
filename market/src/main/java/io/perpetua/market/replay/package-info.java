/**
 * Replays an {@link io.perpetua.market.AlignedBars} panel in time order, interleaving funding
 * settlements at their times: the feed that drives a backtest of the trading kernel.
 */
package io.perpetua.market.replay;
