/** Perpetua server module. */
package io.perpetua.server;
