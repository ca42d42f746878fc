import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mutation gate: reads PIT's {@code mutations.xml} of every module named in the thresholds
 * file, takes out the surviving mutants that the equivalent-mutants file lists (each with a
 * reason), and fails when a package group scores below its threshold, when a mutated package has
 * no threshold, when a listed module has no report, or when an equivalent-mutant line matches no
 * surviving mutant or more than the number it declares (a stale excuse must be removed, and a new
 * survivor cannot hide behind an old excuse).
 *
 * <p>Run with the JDK's source launcher: {@code java MutationGate.java ROOT THRESHOLDS
 * EQUIVALENTS [MODULE...]} (only the named modules' lines, when given). Exit 0 when every group holds, 1 when one fails, 2 on bad input. Score = detected /
 * (generated - non-viable - listed equivalents), detected = killed, timed out, memory or run error
 * (as PIT counts them); no-coverage mutants count as survivors.
 */
public final class MutationGate {
  private static final Pattern MUTATION = Pattern.compile("<mutation (.*?)</mutation>", Pattern.DOTALL);
  private static final Pattern STATUS = Pattern.compile("status='([A-Z_]+)'");

  record Group(String module, String pattern, double threshold, int[] counts) {
    // counts: 0 generated-in-scope, 1 detected, 2 equivalent, 3 not detected
    boolean covers(String pkg) {
      return pattern.endsWith(".*")
          ? pkg.equals(pattern.substring(0, pattern.length() - 2))
              || pkg.startsWith(pattern.substring(0, pattern.length() - 1))
          : pkg.equals(pattern);
    }
  }

  record Equivalent(
      int line, String cls, String method, String mutator, String description, int count, String reason) {
    boolean matches(Map<String, String> m) {
      return cls.equals(m.get("mutatedClass"))
          && method.equals(m.get("mutatedMethod"))
          && m.get("mutator").endsWith("." + mutator)
          && description.equals(m.get("description"));
    }
  }

  private MutationGate() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: java MutationGate.java ROOT THRESHOLDS EQUIVALENTS [MODULE...]");
      System.exit(2);
    }
    Path root = Path.of(args[0]);
    List<String> only = List.of(args).subList(3, args.length);
    List<Group> groups = new ArrayList<>(readGroups(Path.of(args[1])));
    groups.removeIf(g -> !only.isEmpty() && !only.contains(g.module()));
    List<Equivalent> equivalents = readEquivalents(Path.of(args[2]));
    int[] used = new int[equivalents.size()];
    List<String> failures = new ArrayList<>();
    Map<String, List<Map<String, String>>> byModule = new LinkedHashMap<>();
    for (Group g : groups) {
      byModule.computeIfAbsent(g.module(), k -> new ArrayList<>());
    }
    for (var entry : byModule.entrySet()) {
      Path report = root.resolve(entry.getKey()).resolve("target/pit-reports/mutations.xml");
      if (!Files.isRegularFile(report)) {
        failures.add("module " + entry.getKey() + ": no PIT report at " + report);
        continue;
      }
      entry.getValue().addAll(parse(Files.readString(report)));
    }
    for (var entry : byModule.entrySet()) {
      for (Map<String, String> m : entry.getValue()) {
        tally(entry.getKey(), m, groups, equivalents, used, failures);
      }
    }
    System.out.printf("%-10s %-40s %6s %6s %6s %6s %8s %6s%n",
        "module", "packages", "mutants", "killed", "equiv", "alive", "score", "min");
    for (Group g : groups) {
      int[] c = g.counts();
      int scored = c[0] - c[2];
      double score = scored == 0 ? 100.0 : 100.0 * c[1] / scored;
      boolean ok = scored > 0 && score + 1e-9 >= g.threshold();
      System.out.printf("%-10s %-40s %6d %6d %6d %6d %7.1f%% %5.0f%% %s%n", g.module(), g.pattern(),
          c[0], c[1], c[2], c[3], score, g.threshold(), ok ? "ok" : "FAIL");
      if (scored == 0) {
        failures.add(g.module() + " " + g.pattern() + ": no mutants (wrong package or no report)");
      } else if (!ok) {
        failures.add(String.format("%s %s: mutation score %.1f%% is below %.0f%%",
            g.module(), g.pattern(), score, g.threshold()));
      }
    }
    for (int i = 0; i < equivalents.size(); i++) {
      Equivalent e = equivalents.get(i);
      boolean checked = groups.stream().anyMatch(g -> g.covers(packageOf(e.cls())));
      if (checked && (used[i] == 0 || used[i] > e.count())) {
        failures.add("equivalent-mutants line " + e.line() + " (" + e.cls() + "." + e.method()
            + " " + e.mutator() + ") lists " + e.count() + " surviving mutant(s) but matches "
            + used[i] + ": a stale excuse, or a new survivor hiding behind it");
      }
    }
    failures.forEach(f -> System.out.println("mutation gate: " + f));
    System.out.println(failures.isEmpty() ? "mutation gate: passed" : "mutation gate: FAILED");
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  private static void tally(String module, Map<String, String> m, List<Group> groups,
      List<Equivalent> equivalents, int[] used, List<String> failures) {
    String status = m.get("status");
    if (status.equals("NON_VIABLE")) {
      return;
    }
    String pkg = packageOf(m.get("mutatedClass"));
    Group best = null;
    for (Group g : groups) {
      if (g.module().equals(module) && g.covers(pkg)
          && (best == null || g.pattern().length() > best.pattern().length())) {
        best = g;
      }
    }
    if (best == null) {
      String msg = "module " + module + ": package " + pkg + " is mutated but has no threshold";
      if (!failures.contains(msg)) {
        failures.add(msg);
      }
      return;
    }
    int[] c = best.counts();
    c[0]++;
    if (detected(status)) {
      c[1]++;
      return;
    }
    for (int i = 0; i < equivalents.size(); i++) {
      // up to the declared count; fewer (one timed out on a loaded machine) is tolerated
      if (status.equals("SURVIVED") && equivalents.get(i).matches(m)
          && used[i] <= equivalents.get(i).count()) {
        used[i]++;
        c[2]++;
        return;
      }
    }
    c[3]++;
  }

  private static String packageOf(String cls) {
    int dot = cls.lastIndexOf('.');
    return dot < 0 ? "" : cls.substring(0, dot);
  }

  private static boolean detected(String status) {
    return switch (status) {
      case "KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR" -> true;
      default -> false;
    };
  }

  private static List<Map<String, String>> parse(String xml) {
    List<Map<String, String>> out = new ArrayList<>();
    Matcher mm = MUTATION.matcher(xml);
    while (mm.find()) {
      String body = mm.group(1);
      Map<String, String> m = new LinkedHashMap<>();
      Matcher s = STATUS.matcher(body);
      m.put("status", s.find() ? s.group(1) : "UNKNOWN");
      for (String tag : List.of("mutatedClass", "mutatedMethod", "mutator", "description", "lineNumber")) {
        Matcher t = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">").matcher(body);
        m.put(tag, t.find() ? unescape(t.group(1)) : "");
      }
      out.add(m);
    }
    return out;
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&apos;", "'").replace("&amp;", "&");
  }

  private static List<String[]> rows(Path file, int columns) throws IOException {
    List<String[]> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split("\t");
      if (cells.length != columns) {
        System.err.println(file + ":" + (i + 1) + ": expected " + columns
            + " tab-separated columns, found " + cells.length + ": " + line);
        System.exit(2);
      }
      String[] row = new String[columns + 1];
      row[0] = String.valueOf(i + 1);
      for (int c = 0; c < columns; c++) {
        row[c + 1] = cells[c].strip();
      }
      out.add(row);
    }
    return out;
  }

  private static List<Group> readGroups(Path file) throws IOException {
    List<Group> out = new ArrayList<>();
    for (String[] r : rows(file, 3)) {
      out.add(new Group(r[1], r[2], Double.parseDouble(r[3]), new int[4]));
    }
    return out;
  }

  private static List<Equivalent> readEquivalents(Path file) throws IOException {
    List<Equivalent> out = new ArrayList<>();
    for (String[] r : rows(file, 6)) {
      if (r[6].length() < 10) {
        System.err.println(file + ":" + r[0] + ": the reason must say why the mutant is equivalent");
        System.exit(2);
      }
      out.add(new Equivalent(
          Integer.parseInt(r[0]), r[1], r[2], r[3], r[4], Integer.parseInt(r[5]), r[6]));
    }
    return out;
  }
}
