/** Perpetua signals module. */
package io.perpetua.signals;
