/**
 * The order-flow API under {@code /api/v1/flow}: factory strategy CRUD and lifecycle, signals,
 * indicator series, paper positions, trades, equity and statistics, and flow backtests.
 */
package io.perpetua.server.v1.flow;
