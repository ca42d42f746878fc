/** Perpetua bench module. */
package io.perpetua.bench;
