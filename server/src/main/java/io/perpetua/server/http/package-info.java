/**
 * The HTTP framework of the API: the {@link io.perpetua.server.http.Route} declarations and {@link
 * io.perpetua.server.http.RouteTable}, typed {@link io.perpetua.server.http.Param}eters, the {@link
 * io.perpetua.server.http.Envelope} and {@link io.perpetua.server.http.ApiError} codes, and the
 * dispatcher that runs a route for a request.
 */
package io.perpetua.server.http;
