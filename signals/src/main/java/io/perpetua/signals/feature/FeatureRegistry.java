package io.perpetua.signals.feature;

import io.perpetua.signals.feature.flow.FlowFeature;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves feature names from configuration to implementations. Built in: {@code
 * zscore_neg_ret_<N>h|m|d} (reversal), {@code zscore_ret_<N>h|m|d} (momentum), and the order-flow
 * features {@code ofi_<N>h|d}, {@code zscore_ofi_<N>h|d} and {@code tick_vpin_<N>h|d} ({@link
 * FlowFeature}); more can be registered by name. Thread-safe.
 */
public final class FeatureRegistry {
  private static final Pattern RETURN_Z = Pattern.compile("zscore_(neg_)?ret_(\\d{1,4})([mhd])");
  private static final Pattern OFI = Pattern.compile("(zscore_)?ofi_(\\d{1,4})([hd])");
  private static final Pattern VPIN = Pattern.compile("(tick_)?vpin_(\\d{1,4})([hd])");

  private final Map<String, Function<String, CrossSectionalFeature>> custom =
      new ConcurrentHashMap<>();
  private final SharedFeatures.Scope shared;

  /** A registry whose features compute their own values. */
  public FeatureRegistry() {
    this(null);
  }

  /**
   * A registry whose features answer from {@code shared} when another run over the same data
   * already computed the same slice (null: no sharing).
   */
  public FeatureRegistry(SharedFeatures.Scope shared) {
    this.shared = shared;
  }

  /** Registers a feature under an exact name. */
  public void register(String name, Function<String, CrossSectionalFeature> factory) {
    custom.put(name, factory);
  }

  /** Resolves a name; the exception lists what is available. */
  public CrossSectionalFeature resolve(String name) {
    CrossSectionalFeature feature = create(name);
    return shared == null ? feature : shared.share(feature);
  }

  private CrossSectionalFeature create(String name) {
    var factory = custom.get(name);
    if (factory != null) {
      return factory.apply(name);
    }
    Matcher m = RETURN_Z.matcher(name == null ? "" : name);
    if (m.matches()) {
      long unit =
          switch (m.group(3)) {
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
          };
      long window = Long.parseLong(m.group(2)) * unit;
      if (window == 0) {
        throw new IllegalArgumentException("feature '" + name + "' has a zero window");
      }
      return new ReturnZScore(name, window, m.group(1) != null);
    }
    Matcher ofi = OFI.matcher(name == null ? "" : name);
    if (ofi.matches()) {
      return new FlowFeature(
          name,
          FlowFeature.Kind.OFI,
          window(name, ofi.group(2), ofi.group(3)),
          ofi.group(1) != null);
    }
    Matcher vpin = VPIN.matcher(name == null ? "" : name);
    if (vpin.matches()) {
      return new FlowFeature(
          name, FlowFeature.Kind.VPIN, window(name, vpin.group(2), vpin.group(3)), false);
    }
    throw new IllegalArgumentException(
        "unknown feature '"
            + name
            + "': expected zscore_neg_ret_<N>h, zscore_ret_<N>h, ofi_<N>d, zscore_ofi_<N>d,"
            + " tick_vpin_<N>h or one of "
            + names());
  }

  private static long window(String name, String count, String unit) {
    long w = Long.parseLong(count) * ("h".equals(unit) ? 3_600_000L : 86_400_000L);
    if (w == 0) {
      throw new IllegalArgumentException("feature '" + name + "' has a zero window");
    }
    return w;
  }

  private Set<String> names() {
    return new TreeMap<>(custom).keySet();
  }
}
