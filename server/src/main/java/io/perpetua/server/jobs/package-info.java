/**
 * The signed backtest job API (spec 004, {@code /v1/backtest/jobs}): {@link
 * io.perpetua.server.jobs.JobRoutes}, request signing ({@link
 * io.perpetua.server.jobs.RequestSigning}, {@link io.perpetua.server.jobs.SignatureVerifier}) and
 * API keys ({@link io.perpetua.server.jobs.ApiKeys}, {@link
 * io.perpetua.server.jobs.ApiKeySecrets}).
 */
package io.perpetua.server.jobs;
