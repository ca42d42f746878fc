package io.perpetua.trading.arch;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.risk.OrderContext;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rule "fixed point in the kernel" for the order path, as a build failure: the order
 * record, the execution service, the risk check's context and every class of the risk package's
 * rules declare no {@code double}/{@code float} (nor arrays or boxes of them) as a field, a
 * parameter or a return type. Analytics values (rule statuses for the API, alerts) are records of
 * their own and are not rules.
 */
class FixedPointOrderPathTest {

  /** Floating-point types of any shape found in the signatures of {@code type}. */
  static List<String> floatingPointMembers(Class<?> type) {
    List<String> found = new ArrayList<>();
    for (Field f : type.getDeclaredFields()) {
      if (floating(f.getGenericType())) {
        found.add(type.getSimpleName() + "." + f.getName() + ": " + f.getType().getSimpleName());
      }
    }
    List<Executable> members = new ArrayList<>(List.of(type.getDeclaredMethods()));
    members.addAll(List.<Constructor<?>>of(type.getDeclaredConstructors()));
    for (Executable m : members) {
      if (m instanceof Method method && floating(method.getGenericReturnType())) {
        found.add(type.getSimpleName() + "." + m.getName() + "() returns a floating-point type");
      }
      for (Type p : m.getGenericParameterTypes()) {
        if (floating(p)) {
          found.add(type.getSimpleName() + "." + m.getName() + "(" + p.getTypeName() + " ...)");
        }
      }
    }
    return found;
  }

  private static boolean floating(Type type) {
    String name = type.getTypeName();
    return name.startsWith("double")
        || name.startsWith("float")
        || name.contains("java.lang.Double")
        || name.contains("java.lang.Float")
        || name.contains("DoubleSupplier")
        || name.contains("DoubleUnaryOperator")
        || name.contains("ToDoubleFunction");
  }

  /** The classes the rule covers: the fixed set plus every class of {@code risk.rules}. */
  static List<Class<?>> guarded() throws Exception {
    List<Class<?>> out = new ArrayList<>();
    out.add(OrderRecord.class);
    out.add(OrderContext.class);
    out.add(Class.forName("io.perpetua.trading.kernel.ExecutionService"));
    // split out of the execution service: the order's portfolio context, the netting rule
    out.add(Class.forName("io.perpetua.trading.kernel.Exposure"));
    out.add(Class.forName("io.perpetua.trading.kernel.NetReduceOnly"));
    out.add(Class.forName("io.perpetua.trading.kernel.BookedTrades"));
    // split out of the risk engine: the traced rule runs and the operator controls it follows
    out.add(Class.forName("io.perpetua.trading.risk.RuleRun"));
    out.add(Class.forName("io.perpetua.trading.risk.FollowedControls"));
    // the order path of orders decided outside the kernel (control plane, carry)
    out.add(Class.forName("io.perpetua.trading.kernel.AccountKernel"));
    out.addAll(classesIn("io.perpetua.trading.risk.rules"));
    return out;
  }

  /** Every top-level and nested class compiled into {@code pkg} (from the classes directory). */
  static List<Class<?>> classesIn(String pkg) throws IOException, URISyntaxException {
    Path root =
        Path.of(OrderRecord.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path dir = root.resolve(pkg.replace('.', '/'));
    List<Class<?>> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        String file = p.getFileName().toString();
        if (file.endsWith(".class") && !file.equals("package-info.class")) {
          String name = pkg + "." + file.substring(0, file.length() - ".class".length());
          try {
            out.add(Class.forName(name, false, OrderRecord.class.getClassLoader()));
          } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
          }
        }
      }
    }
    return out;
  }

  @Test
  void orderPath_hasNoFloatingPointFieldParameterOrReturnType() throws Exception {
    assertThat(guarded())
        .as("the rules package is found and scanned")
        .contains(io.perpetua.trading.risk.rules.MaxPositionRule.class)
        .contains(io.perpetua.trading.risk.rules.RiskBook.class)
        .hasSizeGreaterThan(15);
    List<String> found = new ArrayList<>();
    for (Class<?> c : guarded()) {
      found.addAll(floatingPointMembers(c));
    }
    assertThat(found).as("double/float in the fixed-point order path").isEmpty();
  }

  /** The checker itself finds every shape it is meant to find (so the rule above can fail). */
  @Test
  void checker_findsFieldsParametersReturnsArraysAndBoxes() {
    assertThat(floatingPointMembers(Offender.class))
        .hasSize(6)
        .anyMatch(s -> s.contains("Offender.price"))
        .anyMatch(s -> s.contains("Offender.weights"))
        .anyMatch(s -> s.contains("Offender.ratio"))
        .anyMatch(s -> s.contains("equity() returns"))
        .anyMatch(s -> s.contains("setPrice(float"))
        .anyMatch(s -> s.contains("marks(java.util.List<java.lang.Double>"));
    assertThat(floatingPointMembers(Clean.class)).isEmpty();
  }

  @SuppressWarnings("unused")
  private static final class Offender {
    private double price;
    private double[] weights;
    private Double ratio;

    double equity() {
      return 0;
    }

    void setPrice(float p) {}

    void marks(List<Double> m) {}
  }

  @SuppressWarnings("unused")
  private static final class Clean {
    private long raw;
    private io.perpetua.core.Money money;

    io.perpetua.core.Price price() {
      return null;
    }
  }
}
