/** Generation of the OpenAPI 3.0.3 document from the route table. */
package io.perpetua.server.openapi;
