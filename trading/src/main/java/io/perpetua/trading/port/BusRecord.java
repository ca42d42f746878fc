package io.perpetua.trading.port;

/**
 * One message read from an {@link EventBus} topic.
 *
 * @param id the bus-assigned offset, {@code <ms>-<seq>}, increasing within a topic
 * @param payload the message (JSON text)
 */
public record BusRecord(String id, String payload) {}
