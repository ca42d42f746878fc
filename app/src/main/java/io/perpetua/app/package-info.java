/** Perpetua app module. */
package io.perpetua.app;
