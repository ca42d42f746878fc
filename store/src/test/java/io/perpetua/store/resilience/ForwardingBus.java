package io.perpetua.store.resilience;

import io.perpetua.trading.port.BusRecord;
import io.perpetua.trading.port.EventBus;
import java.time.Duration;
import java.util.List;

/** An {@link EventBus} passing every call to another (tests override what they break). */
class ForwardingBus implements EventBus {
  private final EventBus inner;

  ForwardingBus(EventBus inner) {
    this.inner = inner;
  }

  @Override
  public String publish(String topic, String payload) {
    return inner.publish(topic, payload);
  }

  @Override
  public void createGroup(String topic, String group) {
    inner.createGroup(topic, group);
  }

  @Override
  public List<BusRecord> read(
      String topic, String group, String consumer, int max, Duration block) {
    return inner.read(topic, group, consumer, max, block);
  }

  @Override
  public List<BusRecord> readPending(String topic, String group, String consumer, int max) {
    return inner.readPending(topic, group, consumer, max);
  }

  @Override
  public void ack(String topic, String group, String id) {
    inner.ack(topic, group, id);
  }

  @Override
  public List<BusRecord> range(String topic, String afterId, int max) {
    return inner.range(topic, afterId, max);
  }

  @Override
  public long size(String topic) {
    return inner.size(topic);
  }

  @Override
  public void close() {
    inner.close();
  }
}
