package io.perpetua.server.obs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4 (written from the format's
 * specification, independently of the registry that writes it): HELP/TYPE lines, samples with
 * escaped label values, float values including {@code +Inf}/{@code NaN}; every sample must belong
 * to a family declared by TYPE, and each histogram's buckets must be cumulative with the {@code
 * +Inf} bucket equal to its {@code _count}. Any violation throws.
 */
public final class PrometheusTextParser {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

  public record Sample(String name, Map<String, String> labels, double value) {}

  private PrometheusTextParser() {}

  public static List<Sample> parse(String text) {
    Map<String, String> types = new HashMap<>();
    List<Sample> samples = new ArrayList<>();
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        Matcher t = TYPE.matcher(line);
        if (t.matches()) {
          if (types.put(t.group(1), t.group(2)) != null) {
            throw new IllegalArgumentException("line " + lineNo + ": TYPE repeated");
          }
        } else if (!HELP.matcher(line).matches()) {
          throw new IllegalArgumentException("line " + lineNo + ": bad comment: " + line);
        }
        continue;
      }
      Sample s = sample(line, lineNo);
      if (family(s.name(), types) == null) {
        throw new IllegalArgumentException("line " + lineNo + ": no TYPE for " + s.name());
      }
      samples.add(s);
    }
    checkHistograms(samples, types);
    return samples;
  }

  private static Sample sample(String line, int lineNo) {
    Matcher n = NAME.matcher(line);
    if (!n.lookingAt()) {
      throw new IllegalArgumentException("line " + lineNo + ": bad metric name: " + line);
    }
    String name = n.group();
    int i = n.end();
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      int close = line.indexOf("} ", i);
      String body = line.substring(i + 1, close);
      Matcher l = LABEL.matcher(body);
      int at = 0;
      while (at < body.length()) {
        if (!l.find(at) || l.start() != at) {
          throw new IllegalArgumentException("line " + lineNo + ": bad labels: " + body);
        }
        labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n"));
        at = l.end();
        if (at < body.length()) {
          if (body.charAt(at) != ',') {
            throw new IllegalArgumentException("line " + lineNo + ": bad labels: " + body);
          }
          at++;
        }
      }
      i = close + 1;
    }
    String[] rest = line.substring(i).strip().split(" ");
    if (rest.length < 1 || rest.length > 2) {
      throw new IllegalArgumentException("line " + lineNo + ": bad value: " + line);
    }
    return new Sample(name, labels, value(rest[0], lineNo));
  }

  private static double value(String v, int lineNo) {
    return switch (v) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("line " + lineNo + ": bad value " + v, e);
        }
      }
    };
  }

  private static String family(String name, Map<String, String> types) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : new String[] {"_bucket", "_sum", "_count", "_total", "_created"}) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        if (types.containsKey(base)) {
          return base;
        }
      }
    }
    return null;
  }

  private static void checkHistograms(List<Sample> samples, Map<String, String> types) {
    Map<String, double[]> lastBucket = new HashMap<>();
    for (Sample s : samples) {
      String family = family(s.name(), types);
      if (!"histogram".equals(types.get(family))) {
        continue;
      }
      Map<String, String> series = new LinkedHashMap<>(s.labels());
      series.remove("le");
      String key = family + series;
      if (s.name().endsWith("_bucket")) {
        double[] last = lastBucket.computeIfAbsent(key, k -> new double[] {0});
        if (s.value() < last[0]) {
          throw new IllegalArgumentException("histogram buckets not cumulative: " + key);
        }
        last[0] = s.value();
      } else if (s.name().endsWith("_count")) {
        double[] last = lastBucket.get(key);
        if (last == null || last[0] != s.value()) {
          throw new IllegalArgumentException("+Inf bucket != _count for " + key);
        }
      }
    }
  }
}
