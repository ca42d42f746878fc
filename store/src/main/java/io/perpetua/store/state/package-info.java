/** The platform's published state ({@code quant:*} keys) kept in a state cache as JSON. */
package io.perpetua.store.state;
