/** In-process adapters: the embedded default event bus and state cache, also used by tests. */
package io.perpetua.store.memory;
