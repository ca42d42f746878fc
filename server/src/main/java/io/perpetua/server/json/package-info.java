/** The API's JSON conventions: the shared mapper, decimal rounding and schema annotations. */
package io.perpetua.server.json;
