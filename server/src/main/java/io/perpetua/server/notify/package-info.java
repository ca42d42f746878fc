/**
 * Notifications (docs/api.md#webhooks): webhooks in Discord-, Telegram- or generic JSON form for
 * signals, risk events, breaker trips, promotions and a daily report, with per-channel filters,
 * retries with exponential back-off and a dead-letter record; webhook URLs (their secrets) come
 * from the environment and are never logged.
 */
package io.perpetua.server.notify;
