package io.perpetua.trading.learn;

import io.perpetua.core.Echo;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.signals.flow.FlowValidationException;
import io.perpetua.trading.lifecycle.LifecycleException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A factory strategy's definition as a version's parameter map (the API's snake_case field names,
 * e.g. {@code weight_direction}) and back. Stateless.
 */
public final class FlowDefinitions {
  private static final RecordComponent[] FIELDS =
      FactoryStrategyDefinition.class.getRecordComponents();

  private FlowDefinitions() {}

  /** {@code d} as a parameter map, in the definition's field order. */
  public static Map<String, Object> toMap(FactoryStrategyDefinition d) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : FIELDS) {
      try {
        out.put(snake(c.getName()), c.getAccessor().invoke(d));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + c.getName(), e);
      }
    }
    return out;
  }

  /**
   * The definition of {@code params}.
   *
   * @throws LifecycleException INVALID naming the bad fields
   */
  public static FactoryStrategyDefinition fromMap(Map<String, Object> params) {
    Object[] args = new Object[FIELDS.length];
    Class<?>[] types = new Class<?>[FIELDS.length];
    for (int i = 0; i < FIELDS.length; i++) {
      RecordComponent c = FIELDS[i];
      String name = snake(c.getName());
      Object v = params.get(name);
      types[i] = c.getType();
      args[i] = convert(name, v, c.getType());
    }
    try {
      return FactoryStrategyDefinition.class.getDeclaredConstructor(types).newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof FlowValidationException f) {
        throw new LifecycleException(LifecycleException.Kind.INVALID, f.getMessage());
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object convert(String name, Object v, Class<?> type) {
    if (type == double.class && v instanceof Number n) {
      return n.doubleValue();
    }
    if (type == int.class
        && v instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    if (type == boolean.class && v instanceof Boolean) {
      return v;
    }
    if (type == String.class && v instanceof String) {
      return v;
    }
    throw new LifecycleException(
        LifecycleException.Kind.INVALID,
        "Invalid field '" + name + "': expected " + type.getSimpleName() + ", was " + Echo.of(v));
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
