/**
 * Adapters that let the kernel ride out outages of a remote cache or bus (Redis): {@link
 * io.perpetua.store.resilience.WriteBehindStateCache} keeps the state the process wrote and
 * republishes it when the cache returns (even empty), {@link
 * io.perpetua.store.resilience.EventOutbox} buffers events in order while the bus is away. The
 * journal stays the source of truth; these only keep the published view current.
 */
package io.perpetua.store.resilience;
