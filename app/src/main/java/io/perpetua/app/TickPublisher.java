package io.perpetua.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.perpetua.core.InstrumentId;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.trading.port.EventBus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the order-flow ticks the engine consumes on the platform's event bus, topic {@value
 * #TOPIC}: {@code {"type": "agg_trade", "tick": {"instrument": "BTC/USDT:USDT", ...}}} (snake_case
 * fields; the type is the tick record's name in snake_case). A bus failure is logged (once per
 * outage) and does not stop the engine. Used by one thread.
 */
final class TickPublisher {
  /** The topic. */
  static final String TOPIC = "flow.ticks";

  private static final Logger LOG = LoggerFactory.getLogger(TickPublisher.class);
  private final EventBus bus;
  private final ObjectMapper json =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .registerModule(
              new SimpleModule().addSerializer(InstrumentId.class, ToStringSerializer.instance));
  private boolean failing;

  TickPublisher(EventBus bus) {
    this.bus = bus;
  }

  void publish(FlowTick tick) {
    try {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("type", snake(tick.getClass().getSimpleName()));
      doc.put("tick", tick);
      bus.publish(TOPIC, json.writeValueAsString(doc));
      if (failing) {
        failing = false;
        LOG.info("order-flow ticks are published on the bus again");
      }
    } catch (JsonProcessingException | RuntimeException e) {
      if (!failing) {
        failing = true;
        LOG.warn("order-flow tick not published on the bus: {}", e.getMessage());
      }
    }
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
