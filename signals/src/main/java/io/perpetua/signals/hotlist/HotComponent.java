package io.perpetua.signals.hotlist;

/**
 * One term of the score: its value, weight and contribution to S, or the reason it is missing (a
 * missing term is null, never 0, and adds nothing to S). Immutable.
 *
 * @param name {@code vol_jump}, {@code turnover}, {@code oi_delta}, {@code funding_z} or {@code
 *     regime_shift}
 * @param value the component as defined (signed for OIΔ and FundingZ), or null
 * @param weight its weight
 * @param contribution {@code weight × value} (absolute value for OIΔ and FundingZ), or null
 * @param missing why the value is missing, or null
 */
public record HotComponent(
    String name, Double value, double weight, Double contribution, String missing) {

  /** A present component; {@code abs} scores its absolute value. */
  static HotComponent of(String name, double value, double weight, boolean abs) {
    return new HotComponent(name, value, weight, weight * (abs ? Math.abs(value) : value), null);
  }

  /** A missing component. */
  static HotComponent missing(String name, double weight, String reason) {
    return new HotComponent(name, null, weight, null, reason);
  }

  /** True when the value is present. */
  public boolean present() {
    return value != null;
  }
}
