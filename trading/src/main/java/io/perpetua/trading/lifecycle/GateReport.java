package io.perpetua.trading.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gates' verdict on a candidate: each gate's value, threshold and result, and the outcome —
 * {@code insufficient} (too few trades or days yet: no decision), {@code breach} (a gate failed:
 * roll back) or {@code pass}.
 *
 * @param outcome {@link #INSUFFICIENT}, {@link #BREACH} or {@link #PASS}
 * @param gates every gate, in evaluation order
 */
public record GateReport(String outcome, List<Gate> gates) {
  /** Not enough live data for a decision yet. */
  public static final String INSUFFICIENT = "insufficient";

  /** A gate failed. */
  public static final String BREACH = "breach";

  /** Every gate passed. */
  public static final String PASS = "pass";

  /**
   * One gate.
   *
   * @param name e.g. {@code annualised_return}
   * @param value the measured value
   * @param threshold its threshold
   * @param rule how they compare ({@code >=}, {@code <=})
   * @param passed whether it passed
   */
  public record Gate(String name, double value, double threshold, String rule, boolean passed) {}

  /** Copies the list. */
  public GateReport {
    gates = List.copyOf(gates);
  }

  /** The failed gates. */
  public List<Gate> breaches() {
    return gates.stream().filter(g -> !g.passed()).toList();
  }

  /** The failed gates' names, comma-separated. */
  public String breachNames() {
    return String.join(", ", breaches().stream().map(Gate::name).toList());
  }

  /** The report as audit evidence: outcome, and per gate value / threshold / passed. */
  public Map<String, Object> evidence() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("outcome", outcome);
    for (Gate g : gates) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("value", g.value());
      one.put("threshold", g.threshold());
      one.put("rule", g.rule());
      one.put("passed", g.passed());
      out.put(g.name(), one);
    }
    List<String> failed = breaches().stream().map(Gate::name).toList();
    if (!failed.isEmpty()) {
      out.put("breaches", failed);
    }
    return out;
  }
}
