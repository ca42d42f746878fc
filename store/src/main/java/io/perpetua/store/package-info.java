/**
 * Perpetua store: adapters for the kernel's persistence and messaging ports.
 *
 * <ul>
 *   <li>{@link io.perpetua.store.memory} — in-process event bus and state cache (embedded default,
 *       tests);
 *   <li>{@link io.perpetua.store.redis} — Redis Streams event bus and Redis state cache
 *       (production);
 *   <li>{@link io.perpetua.store.state} — {@link io.perpetua.readmodel.PlatformState} over any
 *       state cache, under the {@code quant:*} keys of the platform spec;
 *   <li>{@link io.perpetua.store.jdbc} — Flyway schema and the JDBC trading journal (H2 embedded or
 *       PostgreSQL).
 * </ul>
 *
 * Every adapter pair passes one shared contract suite per port.
 */
package io.perpetua.store;
