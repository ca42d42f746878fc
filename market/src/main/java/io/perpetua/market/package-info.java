/** Perpetua market module. */
package io.perpetua.market;
