/**
 * Redis adapters: {@link io.perpetua.store.redis.RedisEventBus} on Redis Streams and {@link
 * io.perpetua.store.redis.RedisStateCache} on plain string keys. Both map every connection failure
 * to {@link io.perpetua.trading.port.ServiceUnavailableException} naming {@code host:port} and
 * recover on their own when Redis returns.
 */
package io.perpetua.store.redis;
