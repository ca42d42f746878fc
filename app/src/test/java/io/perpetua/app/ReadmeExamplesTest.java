package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's deterministic examples, as written: every {@code curl} of its "Try" block against a
 * platform started like {@code ./perpetua run} (its token read from the data directory's {@code
 * api-token}, as {@code T=$(cat var/api-token)} does) answers 2xx — or the status its comment
 * documents — with the envelope and every field of the route's documented example; and every {@code
 * ./perpetua backtest} example runs and writes its report.
 */
class ReadmeExamplesTest {
  private static final Path README = Path.of("../README.md");
  private static final Path ORDERFLOW = Path.of("../docs/orderflow.md");
  private static final Pattern BLOCK = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL);
  private static final java.util.Set<String> LAUNCHER_ONLY =
      java.util.Set.of("test", "build", "format", "clean", "jmh", "java-home");
  private static final Pattern STATUS_COMMENT = Pattern.compile("\\b([1-5]\\d\\d) in paper\\b");
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path dataDir;

  /** One command of a bash block: words after quote removal and {@code $T} expansion, comment. */
  record Command(List<String> words, String comment, String source) {}

  @Test
  void readme_curlExamples_answerAsDocumented() throws Exception {
    // README's Try block and the flow backtest of docs/orderflow.md: paper mode answers them all
    // (docs/venues.md's curl needs live mode; docs/api.md's signed request has its own test).
    List<Command> curls = new ArrayList<>();
    for (Path file : List.of(README, ORDERFLOW)) {
      commands(file).stream().filter(c -> c.words().get(0).equals("curl")).forEach(curls::add);
    }
    assertThat(curls).hasSizeGreaterThanOrEqualTo(11);
    PerpetuaConfig config = ConfigLoader.load(null, Map.of("PERPETUA_PORT", "0"));
    try (Platform p =
        Platform.start(
            config,
            dataDir,
            SharedData.root(),
            Map.of(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            config.paper().speed())) {
      String token = Files.readString(dataDir.resolve("api-token")).strip();
      String base = "127.0.0.1:" + p.port();
      JsonNode openApi = json.readTree(send(List.of("curl", base + "/openapi.json"), "", "").body);
      for (Command c : curls) {
        int expected = expectedStatus(c); // 0: any 2xx
        Answer a = null;
        long end = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < end) {
          a = send(c.words(), token, base);
          if (expected == 0 ? a.status / 100 == 2 : a.status == expected) {
            break;
          }
          Thread.sleep(200); // the first snapshot and rebalance take a few seconds
        }
        if (expected == 0) {
          assertThat(a.status / 100).as(c.source() + " -> " + a.status + " " + a.body).isEqualTo(2);
        } else {
          assertThat(a.status).as(c.source() + " -> " + a.body).isEqualTo(expected);
        }
        JsonNode body = json.readTree(a.body);
        assertThat(body.has("code") && body.has("message") && body.has("timestamp"))
            .as(c.source())
            .isTrue();
        if (expected == 0) {
          assertThat(body.get("code").asInt()).as(c.source()).isZero();
          assertDocumentedShape(openApi, a, body.get("data"), c);
        }
      }
    }
  }

  @Test
  void readme_backtestExamples_runAndWriteTheirReports() throws Exception {
    SharedData.require("binance-um-klines"); // the examples' dates and symbols are real data
    List<Command> backtests =
        commands(README).stream()
            .filter(c -> c.words().size() > 1 && c.words().get(1).equals("backtest"))
            .toList();
    assertThat(backtests).hasSizeGreaterThanOrEqualTo(3);
    String home = System.getProperty("perpetua.home");
    System.setProperty("perpetua.home", Path.of("..").toAbsolutePath().normalize().toString());
    try {
      int i = 0;
      for (Command c : backtests) {
        Path out = dataDir.resolve("report-" + i++);
        List<String> args = new ArrayList<>(c.words().subList(1, c.words().size()));
        args.addAll(
            List.of("--data-dir", dataDir.resolve("var").toString(), "--out", out.toString()));
        int exit =
            io.perpetua.app.Main.commandLine()
                .setOut(new java.io.PrintWriter(new ByteArrayOutputStream(), true))
                .execute(args.toArray(String[]::new));
        assertThat(exit).as(c.source()).isZero();
        assertThat(out.resolve("result.json")).as(c.source()).exists();
        assertThat(out.resolve("report.html")).as(c.source()).exists();
      }
    } finally {
      if (home == null) {
        System.clearProperty("perpetua.home");
      } else {
        System.setProperty("perpetua.home", home);
      }
    }
  }

  @Test
  void readmeAndDocs_perpetuaCommands_parse() throws Exception {
    List<Command> cli = new ArrayList<>();
    try (var docs = Files.list(Path.of("../docs"))) {
      for (Path file :
          java.util.stream.Stream.concat(java.util.stream.Stream.of(README), docs)
              .filter(f -> f.toString().endsWith(".md"))
              .toList()) {
        commands(file).stream()
            .filter(c -> c.words().get(0).equals("perpetua") && c.words().size() > 1)
            .filter(c -> !LAUNCHER_ONLY.contains(c.words().get(1)))
            .filter(c -> !c.source().matches(".*(<|\\[|\\.\\.\\.).*")) // synopses, placeholders
            .forEach(cli::add);
      }
    }
    assertThat(cli).hasSizeGreaterThanOrEqualTo(8);
    for (Command c : cli) {
      List<String> args = new ArrayList<>(c.words().subList(1, c.words().size()));
      args.remove("&");
      assertThatCode(
              () -> io.perpetua.app.Main.commandLine().parseArgs(args.toArray(String[]::new)))
          .as(c.source())
          .doesNotThrowAnyException();
    }
  }

  /** Every field of the route's documented example {@code data} is in the answer. */
  private void assertDocumentedShape(JsonNode openApi, Answer a, JsonNode data, Command c) {
    String path = URI.create("http://" + a.url).getPath();
    JsonNode operation =
        openApi.path("paths").path(path).path(a.method.toLowerCase(java.util.Locale.ROOT));
    assertThat(operation.isMissingNode()).as("documented route for " + c.source()).isFalse();
    JsonNode example = null;
    for (JsonNode response : operation.path("responses")) {
      JsonNode ex = response.at("/content/application~1json/example");
      if (!ex.isMissingNode() && ex.path("code").asInt(-1) == 0) {
        example = ex.get("data");
      }
    }
    assertThat(example).as("documented example for " + c.source()).isNotNull();
    if (example.isObject()) {
      for (Iterator<String> names = example.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        assertThat(data.has(name)).as(c.source() + ": field " + name + " in " + data).isTrue();
      }
    } else {
      assertThat(data.getNodeType()).as(c.source()).isEqualTo(example.getNodeType());
    }
  }

  private static int expectedStatus(Command c) {
    Matcher m = STATUS_COMMENT.matcher(c.comment());
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  record Answer(String method, String url, int status, String body) {}

  /** Runs a {@code curl} command line's request ({@code -s}, {@code -H}, {@code -d}, one URL). */
  private Answer send(List<String> words, String token, String base) throws Exception {
    List<String[]> headers = new ArrayList<>();
    String data = null;
    String url = null;
    Iterator<String> it = words.subList(1, words.size()).iterator();
    while (it.hasNext()) {
      String w = it.next().replace("$T", token);
      switch (w) {
        case "-s" -> {}
        case "-H" -> headers.add(it.next().replace("$T", token).split(":\\s*", 2));
        case "-d" -> data = it.next();
        default -> {
          assertThat(w).as("curl option in the README").doesNotStartWith("-");
          url = w.replace("localhost:8080", base);
        }
      }
    }
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://" + url));
    headers.forEach(h -> req.header(h[0], h[1]));
    String method = data == null ? "GET" : "POST";
    req.method(
        method,
        data == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(data));
    HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(method, url, res.statusCode(), res.body());
  }

  /**
   * The commands of the file's bash blocks: continuations joined, quotes removed, comments apart.
   */
  static List<Command> commands(Path file) throws Exception {
    List<Command> out = new ArrayList<>();
    Matcher blocks = BLOCK.matcher(Files.readString(file));
    while (blocks.find()) {
      for (String line : blocks.group(1).replace("\\\n", " ").split("\n")) {
        Command c = parse(line.strip());
        if (c != null) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /** Shell words of one line: '…' and "…" quoting, a # word starts the comment. */
  static Command parse(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = null;
    char quote = 0;
    String comment = "";
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else {
          w.append(ch);
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        w = w == null ? new StringBuilder() : w;
      } else if (Character.isWhitespace(ch)) {
        if (w != null) {
          words.add(w.toString());
          w = null;
        }
      } else if (ch == '#' && w == null) {
        comment = line.substring(i + 1).strip();
        break;
      } else {
        w = w == null ? new StringBuilder() : w;
        w.append(ch);
      }
    }
    if (w != null) {
      words.add(w.toString());
    }
    if (words.isEmpty() || words.get(0).contains("=")) {
      return null; // blank, comment-only or an assignment (T=$(cat var/api-token))
    }
    if (words.get(0).equals("./perpetua")) {
      words.set(0, "perpetua");
    }
    return new Command(words, comment, line);
  }
}
