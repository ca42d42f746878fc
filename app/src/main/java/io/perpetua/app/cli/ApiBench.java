package io.perpetua.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.perpetua.app.Platform;
import io.perpetua.app.config.PerpetuaConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench api}: the API's throughput and latency side by side with a bare Javalin endpoint
 * that returns the same JSON, in the same run, measured with {@code wrk}. The platform runs
 * in-process as {@code ./perpetua run} would (paper trading on, journal writing), in a temporary
 * data directory.
 */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    description = {
      "Measures API throughput and latency against a bare Javalin endpoint with wrk.",
      "Starts the platform in a temporary data directory, waits for its order history, then"
          + " runs wrk (apt-get install wrk) in alternating rounds against a bare endpoint"
          + " returning the balance JSON, GET /api/v1/account/balance and"
          + " GET /api/v1/orders/history?page_size=50. Request log lines go to stderr."
    })
final class ApiBench implements Callable<Integer> {
  private static final String TOKEN = "bench-api-token-0123456789abcdef";
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PCT =
      Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

  @Option(
      names = "--duration",
      defaultValue = "10",
      description = "Seconds per measurement (default ${DEFAULT-VALUE}).")
  int duration;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description =
          "Alternating rounds over the targets; medians are reported (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--connections",
      defaultValue = "16",
      description = "wrk connections (default ${DEFAULT-VALUE}).")
  int connections;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "wrk threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--speed",
      defaultValue = "3600",
      description = "Paper speed while measuring (default ${DEFAULT-VALUE}).")
  double speed;

  /** One wrk result. */
  record Sample(double rps, double p50Micros, double p99Micros) {}

  @Override
  public Integer call() throws Exception {
    PerpetuaConfig config = Home.config(null);
    var s = config.server();
    config =
        config.withServer(new PerpetuaConfig.Server(0, s.corsOrigins(), s.heartbeatStaleSeconds()));
    Path dir = Files.createTempDirectory("perpetua-bench-api");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PERPETUA_API_TOKEN", TOKEN);
    try (Platform platform =
        Platform.start(
            config,
            dir,
            Home.resolve(config.data().sharedData()),
            env,
            new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
            speed)) {
      String base = "http://127.0.0.1:" + platform.port();
      byte[] balance = awaitData(base);
      Javalin bare =
          Javalin.create(c -> c.showJavalinBanner = false)
              .get("/bare", ctx -> ctx.contentType("application/json").result(balance))
              .start("127.0.0.1", 0);
      try {
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("bare Javalin (same JSON)", "http://127.0.0.1:" + bare.port() + "/bare");
        targets.put("GET /api/v1/account/balance", base + "/api/v1/account/balance");
        targets.put(
            "GET /api/v1/orders/history?page_size=50",
            base + "/api/v1/orders/history?page_size=50");
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (String url : targets.values()) {
          wrk(url, 3); // warm-up: JIT, connection pools
        }
        for (int r = 1; r <= rounds; r++) {
          for (var t : targets.entrySet()) {
            Sample x = wrk(t.getValue(), duration);
            samples.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(x);
            System.out.printf(
                Locale.ROOT,
                "round %d  %-40s %9.0f rps  p50 %8.0f us  p99 %8.0f us%n",
                r,
                t.getKey(),
                x.rps(),
                x.p50Micros(),
                x.p99Micros());
          }
        }
        report(samples);
      } finally {
        bare.stop();
      }
    }
    return 0;
  }

  private static void report(Map<String, List<Sample>> samples) {
    List<Sample> medians = new ArrayList<>();
    samples.values().forEach(list -> medians.add(median(list)));
    Sample bare = medians.get(0);
    Sample balance = medians.get(1);
    System.out.printf(
        "%nmedians over the rounds (wrk, %s):%n",
        "ratios to the bare endpoint; history p99 also to the balance p99");
    System.out.println(
        "| target | rps | × bare | p50 µs | × bare | p99 µs | × bare | × balance p99 |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    int i = 0;
    for (String name : samples.keySet()) {
      Sample m = medians.get(i++);
      System.out.printf(
          Locale.ROOT,
          "| %s | %,.0f | %.2f | %.0f | %.2f | %.0f | %.2f | %.2f |%n",
          name,
          m.rps(),
          m.rps() / bare.rps(),
          m.p50Micros(),
          m.p50Micros() / bare.p50Micros(),
          m.p99Micros(),
          m.p99Micros() / bare.p99Micros(),
          m.p99Micros() / balance.p99Micros());
    }
  }

  static Sample median(List<Sample> list) {
    return new Sample(
        median(list.stream().mapToDouble(Sample::rps).toArray()),
        median(list.stream().mapToDouble(Sample::p50Micros).toArray()),
        median(list.stream().mapToDouble(Sample::p99Micros).toArray()));
  }

  private static double median(double[] v) {
    java.util.Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** Waits until the balance exists and the order history holds at least one full page. */
  private static byte[] awaitData(String base) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      HttpResponse<byte[]> b = get(http, base + "/api/v1/account/balance");
      HttpResponse<byte[]> h = get(http, base + "/api/v1/orders/history?page_size=50");
      if (b.statusCode() == 200 && h.statusCode() == 200) {
        JsonNode total = json.readTree(h.body()).at("/data/pagination/total_items");
        if (total.asLong() >= 50) {
          System.out.printf("platform ready: %d orders in the history%n", total.asLong());
          return b.body();
        }
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("no balance and 50 orders within 120 s");
  }

  private static HttpResponse<byte[]> get(HttpClient http, String url)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private Sample wrk(String url, int seconds) throws IOException, InterruptedException {
    Process p;
    try {
      p =
          new ProcessBuilder(
                  "wrk",
                  "-t" + threads,
                  "-c" + connections,
                  "-d" + seconds + "s",
                  "--latency",
                  "-H",
                  "Authorization: Bearer " + TOKEN,
                  url)
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("wrk not found: install it (apt-get install -y wrk)", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("wrk failed: " + out);
    }
    return parse(out);
  }

  /** Parses wrk's {@code --latency} report. */
  static Sample parse(String wrkOutput) {
    Matcher rps = RPS.matcher(wrkOutput);
    if (!rps.find()) {
      throw new IllegalStateException("no Requests/sec in wrk's output: " + wrkOutput);
    }
    Map<String, Double> pct = new HashMap<>();
    Matcher m = PCT.matcher(wrkOutput);
    while (m.find()) {
      double v = Double.parseDouble(m.group(2));
      double micros =
          switch (m.group(3)) {
            case "us" -> v;
            case "ms" -> v * 1_000;
            default -> v * 1_000_000;
          };
      pct.put(m.group(1), micros);
    }
    if (!wrkOutput.contains("Non-2xx") && pct.size() == 2) {
      return new Sample(Double.parseDouble(rps.group(1)), pct.get("50"), pct.get("99"));
    }
    throw new IllegalStateException("wrk saw errors or no latency distribution: " + wrkOutput);
  }
}
