/**
 * Observability of the running server and platform: request ids and the request log, Prometheus
 * metrics (HTTP, kernel, data freshness, dependencies), dependency health checks and the system
 * status endpoint (docs/metrics.md).
 */
package io.perpetua.server.obs;
