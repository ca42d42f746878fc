/**
 * The Perpetua HTTP API ({@code /api/v1}): {@link io.perpetua.server.ApiServer} serves {@link
 * io.perpetua.server.RouteGroup}s of declared routes over the platform state, with the {@code
 * {code, message, data, timestamp}} envelope, bearer-token auth ({@link
 * io.perpetua.server.ApiToken}), CORS, an OpenAPI document generated from the same route table at
 * {@code /openapi.json} and Swagger UI at {@code /docs}.
 */
package io.perpetua.server;
