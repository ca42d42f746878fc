/**
 * The V1 P0 endpoints of the platform spec (health, pipeline, balance, positions, target positions,
 * latest signals) as {@link io.perpetua.server.RouteGroup}s over {@link
 * io.perpetua.readmodel.PlatformState}, with their response records.
 */
package io.perpetua.server.v1;
