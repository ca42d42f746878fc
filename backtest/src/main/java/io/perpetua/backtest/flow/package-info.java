/** Backtests of order-flow (factory) strategies over tick data through the paper flow engine. */
package io.perpetua.backtest.flow;
