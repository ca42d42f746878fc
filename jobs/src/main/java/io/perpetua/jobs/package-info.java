/**
 * Backtest jobs as values, below every module that keeps or serves them: what a run asks ({@link
 * io.perpetua.jobs.BacktestRequest}) and returns ({@link io.perpetua.jobs.BacktestResult}, {@link
 * io.perpetua.jobs.Metrics}, {@link io.perpetua.jobs.EquityCurve}, {@link
 * io.perpetua.jobs.TradeRecord}, {@link io.perpetua.jobs.RunActivity}), the job record ({@link
 * io.perpetua.jobs.BacktestJob}, {@link io.perpetua.jobs.JobStatus}) and the {@link
 * io.perpetua.jobs.JobStore} port with its in-memory implementation. The store module implements
 * the port on JDBC, the server serves jobs, and the backtest module runs them (its job service and
 * engine) without either depending on the other.
 */
package io.perpetua.jobs;
