/**
 * WebSocket streams (docs/api.md#streams): {@code /stream/market/{symbol}}, {@code
 * /stream/strategy/{id}} and {@code /stream/alerts}. Publishers append to a per-channel ring with
 * sequence numbers (never waiting for a client); one sender thread fans out to the clients with
 * asynchronous writes and a bound on each client's unacknowledged writes, dropping a client that
 * falls too far behind; a client resumes with {@code ?since=<seq>}.
 */
package io.perpetua.server.stream;
