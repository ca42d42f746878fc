/** Perpetua store module. */
package io.perpetua.store;
