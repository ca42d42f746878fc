package io.perpetua.signals.strategy.space;

import io.perpetua.core.Echo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters a strategy declares, in declaration order: the one declaration that validates
 * backtest parameters and from which optimisers build their search spaces. Immutable.
 */
public record ParamSpace(List<ParamSpec> params) {
  /** Copies and checks that names are unique. */
  public ParamSpace {
    params = List.copyOf(params);
    for (int i = 0; i < params.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (params.get(i).name().equals(params.get(j).name())) {
          throw new IllegalArgumentException(
              "parameter " + params.get(i).name() + " declared twice");
        }
      }
    }
  }

  /** A space of {@code params}. */
  public static ParamSpace of(ParamSpec... params) {
    return new ParamSpace(List.of(params));
  }

  /** The space with no parameters. */
  public static ParamSpace empty() {
    return new ParamSpace(List.of());
  }

  /** Number of parameters. */
  public int dimension() {
    return params.size();
  }

  /** The declared names, in order. */
  public List<String> names() {
    return params.stream().map(ParamSpec::name).toList();
  }

  /** True when {@code name} is declared. */
  public boolean declares(String name) {
    return params.stream().anyMatch(p -> p.name().equals(name));
  }

  /**
   * The parameter {@code name}.
   *
   * @throws IllegalArgumentException for an undeclared name, listing the declared ones
   */
  public ParamSpec spec(String name) {
    for (ParamSpec p : params) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown parameter " + Echo.of(name) + "; declared: " + names());
  }

  /** This space followed by {@code more}'s parameters. */
  public ParamSpace plus(ParamSpace more) {
    List<ParamSpec> all = new ArrayList<>(params);
    all.addAll(more.params);
    return new ParamSpace(all);
  }

  /** The parameter values at the unit-cube point {@code u} (one coordinate per parameter). */
  public Map<String, Object> values(double[] u) {
    if (u.length != params.size()) {
      throw new IllegalArgumentException(
          "point has " + u.length + " coordinates for " + params.size() + " parameters");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < u.length; i++) {
      out.put(params.get(i).name(), params.get(i).value(u[i]));
    }
    return out;
  }

  /** The unit-cube point of {@code values} (declared defaults for missing names). */
  public double[] unit(Map<String, Object> values) {
    double[] u = new double[params.size()];
    for (int i = 0; i < u.length; i++) {
      ParamSpec p = params.get(i);
      u[i] = p.unit(values.getOrDefault(p.name(), p.defaultValue()));
    }
    return u;
  }

  /** Grid levels per parameter (0 for continuous ones), in order. */
  public int[] levels() {
    return params.stream().mapToInt(ParamSpec::levels).toArray();
  }

  /** The declared defaults. */
  public Map<String, Object> defaults() {
    Map<String, Object> out = new LinkedHashMap<>();
    params.forEach(p -> out.put(p.name(), p.defaultValue()));
    return out;
  }

  /**
   * Checks every declared parameter present in {@code values} against its declaration (names that
   * are not declared are left to the strategy's own check).
   *
   * @throws IllegalArgumentException naming the first invalid parameter
   */
  public void check(Map<String, Object> values) {
    for (ParamSpec p : params) {
      Object v = values.get(p.name());
      if (v != null) {
        p.check(v);
      }
    }
  }
}
