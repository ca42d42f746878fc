/** Swagger UI at {@code /docs}, served offline from the webjar. */
package io.perpetua.server.docs;
