/** The trading kernel. */
package io.perpetua.trading;
