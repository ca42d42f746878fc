/**
 * The backtest job service: jobs ({@link io.perpetua.jobs.BacktestJob}) queued in a persistent
 * {@link io.perpetua.jobs.JobStore} (module {@code jobs}), run by the {@link
 * io.perpetua.backtest.job.JobService} worker pool through a {@link
 * io.perpetua.backtest.BacktestRunner}, validated by {@link io.perpetua.backtest.job.JobValidator}
 * against a {@link io.perpetua.backtest.job.StrategyCatalog}. (The API keys of the signed job API
 * are in the {@code auth} module.)
 */
package io.perpetua.backtest.job;
