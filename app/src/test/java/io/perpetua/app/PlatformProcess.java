package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.core.Timeframe;
import io.perpetua.core.testing.SharedData;
import io.perpetua.core.time.Times;
import io.perpetua.market.importer.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code perpetua run} as a child JVM (the test class path, {@link Main}), for tests that kill it
 * for real: parses the bound port from its console, talks to the API with the bearer token and
 * {@link #kill()}s it with {@link Process#destroyForcibly()} (SIGKILL on Linux). Also holds the
 * real data imported once per test JVM ({@link #importedDataDir}), copied into each fresh data
 * directory.
 */
final class PlatformProcess implements AutoCloseable {
  static final String TOKEN = "crash-test-token-0123456789";
  private static final Pattern PORT = Pattern.compile("API:\\s+http://localhost:(\\d+)/");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path imported;
  private static long dataEndMs;

  private final Process process;
  private final StringBuffer console;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PlatformProcess(Process process, int port, StringBuffer console) {
    this.process = process;
    this.console = console;
    this.port = port;
  }

  /**
   * A data directory with the shared real data already imported (imported once per JVM into a
   * temporary directory removed at exit); skips the test when the shared data is absent.
   */
  static synchronized Path importedDataDir() throws IOException {
    SharedData.require("binance-um-klines/1h");
    if (imported == null) {
      Path dir = Files.createTempDirectory("perpetua-imported-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
      MarketLoader.importUntilComplete(
          dir, SharedData.root(), Timeframe.parse("1h"), ProgressListener.NONE);
      var panel = MarketLoader.load(dir, Timeframe.parse("1h")).panel();
      dataEndMs = panel.closeTime(panel.size() - 1);
      imported = dir;
    }
    return imported;
  }

  /** Close time of the last bar of the imported data. */
  static synchronized long dataEndMs() throws IOException {
    importedDataDir();
    return dataEndMs;
  }

  /** Copies the imported catalog into {@code target} (a fresh data directory). */
  static void copyImported(Path target) throws IOException {
    Path source = importedDataDir();
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(target.resolve(source.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                target.resolve(source.relativize(file).toString()),
                StandardCopyOption.REPLACE_EXISTING);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Writes a configuration: hourly rebalances at every bar close ({@code cron}, {@code
   * rebalance_days: 0}), the replay starting {@code days} days before the data ends, the shared
   * data path absolute.
   */
  static Path writeConfig(Path file, String cron, int days) throws IOException {
    long start = Math.floorDiv(dataEndMs(), Times.DAY_MS) * Times.DAY_MS - days * Times.DAY_MS;
    String yaml =
        String.join(
            "\n",
            "data:",
            "  shared_data: \"" + SharedData.root() + "\"",
            "paper:",
            "  start: \"" + Times.iso(start).substring(0, 10) + "\"",
            "strategies:",
            "  baseline_rev:",
            "    rebalance_cron: \"" + cron + "\"",
            "    rebalance_days: 0",
            "");
    Files.writeString(file, yaml);
    return file;
  }

  /** Starts {@code perpetua run} on {@code dataDir}; returns once the API port is known. */
  static PlatformProcess start(Path dataDir, Path config, double speed) throws Exception {
    return start(
        dataDir,
        Main.class.getName(),
        List.of(
            "run", "--config=" + config, "--data-dir=" + dataDir, "--port=0", "--speed=" + speed),
        Map.of());
  }

  /**
   * Starts {@code mainClass} of the test class path with {@code args} and {@code extraEnv} (on top
   * of the API token); returns once the API port is known.
   */
  static PlatformProcess start(
      Path dataDir, String mainClass, List<String> args, Map<String, String> extraEnv)
      throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.add("-Xshare:auto");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Xmx768m");
    cmd.add("--sun-misc-unsafe-memory-access=allow");
    cmd.add("-Dperpetua.home=" + dataDir.getParent());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("PERPETUA_"));
    env.put("PERPETUA_API_TOKEN", TOKEN);
    env.put("PERPETUA_FOUR_EYES", "off"); // one operator: it lifts the emergency stop alone
    env.putAll(extraEnv);
    Process p = pb.start();
    StringBuffer console = new StringBuffer();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  console.append(line).append('\n');
                  Matcher m = PORT.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (IOException e) {
                // the process died: the stream closed
              } finally {
                port.completeExceptionally(new IllegalStateException("child exited"));
              }
            },
            "child-console");
    reader.setDaemon(true);
    reader.start();
    int bound;
    try {
      bound = port.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError("platform did not start: " + console, e);
    }
    return new PlatformProcess(p, bound, console);
  }

  /** The child's process id. */
  long pid() {
    return process.pid();
  }

  /** The raw response of a GET (status and envelope). */
  JsonNode envelope(String path) throws IOException, InterruptedException {
    HttpResponse<String> res =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(res.body());
  }

  /** The {@code data} of a GET that must succeed (code 0). */
  JsonNode get(String path) throws IOException, InterruptedException {
    JsonNode body = envelope(path);
    assertThat(body.path("code").asInt(-1)).as("GET %s: %s", path, body).isZero();
    return body.get("data");
  }

  /** The {@code data} of a POST with a JSON body that must succeed (code 0). */
  JsonNode post(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> res = sendPost(path, body);
    JsonNode json = JSON.readTree(res.body());
    assertThat(res.statusCode()).as("POST %s: %s", path, res.body()).isEqualTo(200);
    assertThat(json.path("code").asInt(-1)).as("POST %s: %s", path, json).isZero();
    return json.get("data");
  }

  private HttpResponse<String> sendPost(String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The body of a POST as it came, whatever its status (the spec-001 routes answer bare JSON). */
  JsonNode postRaw(String path, String body) throws IOException, InterruptedException {
    return JSON.readTree(sendPost(path, body).body());
  }

  /**
   * Polls {@code path} until its data satisfies {@code done} (answers other than code 0, e.g. 503
   * while the journal opens, are retried) or {@code timeoutMs} passes.
   */
  JsonNode await(String path, Predicate<JsonNode> done, long timeoutMs) throws Exception {
    long end = System.currentTimeMillis() + timeoutMs;
    JsonNode last = null;
    while (System.currentTimeMillis() < end) {
      assertThat(process.isAlive()).as("platform exited: %s", console).isTrue();
      JsonNode body = envelope(path);
      if (body.path("code").asInt(-1) == 0) {
        last = body.get("data");
        if (done.test(last)) {
          return last;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("timed out after " + timeoutMs + " ms at " + path + ": " + last);
  }

  /** Waits until the replay has consumed the data (the data stage reports replay_finished). */
  void awaitReplayFinished(long timeoutMs) throws Exception {
    await(
        "/api/v1/health/pipeline",
        d -> {
          for (JsonNode s : d.get("stages")) {
            if (s.get("name").asText().equals("data_ingestion")
                && s.path("metrics").path("replay_finished").asBoolean(false)) {
              return true;
            }
          }
          return false;
        },
        timeoutMs);
  }

  /** Every order of the history, by client order id (fails on a duplicate id). */
  Map<String, JsonNode> allOrders() throws Exception {
    return pages("/api/v1/orders/history", "order_id");
  }

  /** Every fill, by trade id (fails on a duplicate id). */
  Map<String, JsonNode> allTrades() throws Exception {
    return pages("/api/v1/orders/trades", "trade_id");
  }

  private Map<String, JsonNode> pages(String path, String key) throws Exception {
    Map<String, JsonNode> out = new HashMap<>();
    long total = -1;
    for (int page = 1; ; page++) {
      JsonNode d = get(path + "?page=" + page + "&page_size=500");
      total = d.get("pagination").get("total_items").asLong();
      for (JsonNode item : d.get("items")) {
        JsonNode previous = out.put(item.get(key).asText(), item);
        assertThat(previous).as("%s appears twice in %s", item.get(key), path).isNull();
      }
      if (page >= d.get("pagination").get("total_pages").asInt()) {
        break;
      }
    }
    assertThat(out).as("%s: total_items == distinct ids", path).hasSize((int) total);
    return out;
  }

  /** Kills the process with SIGKILL and checks it is gone (exit status 128 + 9). */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed within 30 s").isTrue();
    assertThat(process.isAlive()).isFalse();
    assertThat(process.exitValue()).as("terminated by SIGKILL").isEqualTo(128 + 9);
    assertThat(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  /** The console output so far (for failure messages). */
  String console() {
    return console.toString();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }
}
