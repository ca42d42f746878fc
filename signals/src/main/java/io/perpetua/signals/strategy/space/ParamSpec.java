package io.perpetua.signals.strategy.space;

import io.perpetua.core.Echo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One parameter a strategy declares: its kind, the values a run accepts ({@code min..max}), the
 * range an optimiser searches by default ({@code lo..hi}, within {@code min..max}), the step
 * (integers: at least 1; floats: 0 for continuous) and the default. Categorical parameters list
 * their choices instead of bounds. The same declaration validates backtest parameters and builds
 * search spaces. Immutable.
 *
 * <p>Points of a search are given in the unit cube: {@link #value(double)} maps {@code u ∈ [0, 1]}
 * onto the search range (uniform, in the logarithm for {@link ParamKind#LOG_FLOAT}, on the step
 * grid for discrete parameters); {@link #unit(Object)} is its inverse (the centre of a grid cell).
 */
public record ParamSpec(
    String name,
    ParamKind kind,
    double min,
    double max,
    double lo,
    double hi,
    double step,
    Object defaultValue,
    List<Object> choices) {
  /** Validates the declaration. */
  public ParamSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    choices = choices == null ? List.of() : List.copyOf(choices);
    if (kind == ParamKind.CATEGORICAL) {
      if (choices.isEmpty()) {
        throw new IllegalArgumentException(name + ": a categorical parameter needs choices");
      }
    } else {
      checkBounds(name, kind, min, max, lo, hi, step);
    }
  }

  private static void checkBounds(
      String name, ParamKind kind, double min, double max, double lo, double hi, double step) {
    if (!(step >= 0) || (kind == ParamKind.INT && (step < 1 || step != Math.rint(step)))) {
      throw new IllegalArgumentException(
          name
              + ".step: must be > 0"
              + (kind == ParamKind.INT ? " and whole" : "")
              + ", was "
              + step);
    }
    if (!(lo <= hi)) {
      throw new IllegalArgumentException(
          name + ": bounds reversed, lo " + lo + " is above hi " + hi);
    }
    if (lo < min || hi > max) {
      throw new IllegalArgumentException(
          name + ": range " + lo + ".." + hi + " is outside the accepted " + min + ".." + max);
    }
    if (kind == ParamKind.LOG_FLOAT && !(lo > 0)) {
      throw new IllegalArgumentException(name + ": a log_float range must be positive, lo " + lo);
    }
    if (kind == ParamKind.INT && (lo != Math.rint(lo) || hi != Math.rint(hi))) {
      throw new IllegalArgumentException(name + ": integer bounds must be whole numbers");
    }
  }

  /** An integer parameter searched on {@code lo..hi} by {@code step}. */
  public static ParamSpec integer(
      String name, int min, int max, int lo, int hi, int step, int defaultValue) {
    return new ParamSpec(name, ParamKind.INT, min, max, lo, hi, step, defaultValue, null);
  }

  /** A real parameter searched uniformly on {@code lo..hi} (continuous when step is 0). */
  public static ParamSpec real(
      String name, double min, double max, double lo, double hi, double step, double def) {
    return new ParamSpec(name, ParamKind.FLOAT, min, max, lo, hi, step, def, null);
  }

  /** A positive real parameter searched uniformly in its logarithm. */
  public static ParamSpec logReal(
      String name, double min, double max, double lo, double hi, double def) {
    return new ParamSpec(name, ParamKind.LOG_FLOAT, min, max, lo, hi, 0, def, null);
  }

  /** A categorical parameter. */
  public static ParamSpec categorical(String name, List<?> choices, Object defaultValue) {
    return new ParamSpec(
        name, ParamKind.CATEGORICAL, 0, 0, 0, 0, 0, defaultValue, new ArrayList<>(choices));
  }

  /** Grid levels of the search range, or 0 for a continuous parameter. */
  public int levels() {
    return switch (kind) {
      case CATEGORICAL -> choices.size();
      case LOG_FLOAT -> 0;
      case INT, FLOAT ->
          step > 0 ? (int) Math.min(1_000_000, Math.floor((hi - lo) / step + 1e-9)) + 1 : 0;
    };
  }

  /** The value at {@code u ∈ [0, 1]} of the search range (clamped). */
  public Object value(double u) {
    double c = Double.isNaN(u) ? 0.5 : Math.max(0, Math.min(1, u));
    int levels = levels();
    if (kind == ParamKind.CATEGORICAL) {
      return choices.get(Math.min(levels - 1, (int) Math.floor(c * levels)));
    }
    if (kind == ParamKind.LOG_FLOAT) {
      return Math.exp(Math.log(lo) + c * (Math.log(hi) - Math.log(lo)));
    }
    if (levels == 0) {
      return lo + c * (hi - lo);
    }
    int index = Math.min(levels - 1, (int) Math.floor(c * levels));
    double v = lo + index * step;
    return kind == ParamKind.INT ? (Object) (int) Math.round(v) : (Object) v;
  }

  /** The point of the unit interval that {@link #value} maps to {@code value} (cell centre). */
  public double unit(Object value) {
    if (kind == ParamKind.CATEGORICAL) {
      int i = choices.indexOf(value);
      return i < 0 ? 0.5 : (i + 0.5) / choices.size();
    }
    double v = number(value);
    if (kind == ParamKind.LOG_FLOAT) {
      return hi == lo ? 0.5 : (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
    }
    int levels = levels();
    if (levels == 0) {
      return hi == lo ? 0.5 : (v - lo) / (hi - lo);
    }
    double index = Math.max(0, Math.min(levels - 1, Math.round((v - lo) / step)));
    return (index + 0.5) / levels;
  }

  /**
   * {@code value} checked against the accepted values ({@code min..max}, whole for integers, a
   * listed choice for categorical parameters).
   *
   * @throws IllegalArgumentException naming the parameter
   */
  public Object check(Object value) {
    if (kind == ParamKind.CATEGORICAL) {
      if (!choices.contains(value)) {
        throw new IllegalArgumentException(
            "parameter " + name + " must be one of " + choices + ", was " + Echo.of(value));
      }
      return value;
    }
    double v = number(value);
    if (kind == ParamKind.INT && v != Math.rint(v)) {
      throw new IllegalArgumentException(
          "parameter " + name + " must be an integer, was " + Echo.of(value));
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          "parameter " + name + " must be in " + show(min) + ".." + show(max) + ", was " + show(v));
    }
    return kind == ParamKind.INT ? (Object) (int) v : (Object) v;
  }

  /**
   * This parameter searched on {@code lo..hi} by {@code step} (null keeps the declared step).
   *
   * @throws IllegalArgumentException naming the parameter: bounds reversed, step ≤ 0, outside the
   *     accepted values
   */
  public ParamSpec narrowed(double lo, double hi, Double step) {
    if (kind == ParamKind.CATEGORICAL) {
      throw new IllegalArgumentException(name + ": categorical, give choices a|b|c, not bounds");
    }
    double s = step == null ? this.step : step;
    if (step != null && !(step > 0)) {
      throw new IllegalArgumentException(name + ".step: must be > 0, was " + show(step));
    }
    return new ParamSpec(name, kind, min, max, lo, hi, s, defaultValue, null);
  }

  /** This categorical parameter searched over {@code subset} of its choices. */
  public ParamSpec narrowedTo(List<?> subset) {
    if (kind != ParamKind.CATEGORICAL) {
      throw new IllegalArgumentException(name + ": not categorical, give lo:hi[:step]");
    }
    for (Object o : subset) {
      check(o);
    }
    return new ParamSpec(name, kind, 0, 0, 0, 0, 0, defaultValue, new ArrayList<>(subset));
  }

  private double number(Object value) {
    if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        double d = Double.parseDouble(s.trim());
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
    }
    throw new IllegalArgumentException(
        "parameter " + name + " must be a number, was " + Echo.of(value));
  }

  private static String show(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
