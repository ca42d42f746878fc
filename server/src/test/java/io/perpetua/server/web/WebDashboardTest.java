package io.perpetua.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.time.ManualClock;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.server.ApiServer;
import io.perpetua.server.ApiToken;
import io.perpetua.server.ServerConfig;
import io.perpetua.server.http.SecurityHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebDashboardTest {
  private static final String TOKEN = "web-test-token-0123456789abcdef";
  private static final String INDEX = "<!doctype html><div id=\"root\"></div>";
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;
  private ApiServer server;
  private URLClassLoader loader;
  private int port;

  private void start(boolean built) throws IOException {
    Path root = dir.resolve("perpetua-web");
    Files.createDirectories(root.resolve("assets"));
    if (built) {
      Files.writeString(root.resolve("index.html"), INDEX);
      Files.writeString(root.resolve("assets/index-AbC123.js"), "console.log(1)");
      Files.writeString(root.resolve("assets/index-AbC123.css"), "body{}");
      Files.writeString(root.resolve("robots.txt"), "User-agent: *");
    }
    Files.writeString(dir.resolve("secret.txt"), "outside the web root");
    loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    server =
        new ApiServer(
            new InMemoryPlatformState(),
            ApiToken.of(TOKEN),
            new ManualClock(1_700_000_000_000L),
            ServerConfig.defaults().withBindHost("127.0.0.1"));
    WebDashboard.fromClasspath(loader).ifPresent(server::addExtension);
    port = server.start(0);
  }

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.stop();
    }
    if (loader != null) {
      loader.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void root_servesIndexHtml_revalidated_withTheSecurityHeaders() throws Exception {
    start(true);
    HttpResponse<String> r = get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(INDEX);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(r.headers().firstValue("Cache-Control")).contains(WebDashboard.REVALIDATE);
    assertThat(r.headers().firstValue("Content-Security-Policy"))
        .contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
  }

  @Test
  void pagePaths_fallBackToIndexHtml() throws Exception {
    start(true);
    for (String page : new String[] {"/risk", "/backtests?id=bt_1", "/audit/orders/x"}) {
      HttpResponse<String> r = get(page);
      assertThat(r.statusCode()).as(page).isEqualTo(200);
      assertThat(r.body()).as(page).isEqualTo(INDEX);
    }
  }

  @Test
  void hashedAssets_areCachedForAYear_otherFilesRevalidated() throws Exception {
    start(true);
    HttpResponse<String> js = get("/assets/index-AbC123.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.body()).isEqualTo("console.log(1)");
    assertThat(js.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
    assertThat(js.headers().firstValue("Cache-Control")).contains(WebDashboard.IMMUTABLE);
    HttpResponse<String> css = get("/assets/index-AbC123.css");
    assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
    HttpResponse<String> robots = get("/robots.txt");
    assertThat(robots.body()).isEqualTo("User-agent: *");
    assertThat(robots.headers().firstValue("Cache-Control")).contains(WebDashboard.REVALIDATE);
  }

  @Test
  void missingFiles_andFilesOutsideTheWebRoot_are404() throws Exception {
    start(true);
    assertThat(get("/assets/gone-123.js").statusCode()).isEqualTo(404);
    assertThat(get("/secret.txt").statusCode()).isEqualTo(404);
    assertThat(get("/assets/..%2f..%2fsecret.txt").statusCode()).isIn(400, 404);
  }

  @Test
  void apiPaths_keepTheirJsonErrors() throws Exception {
    start(true);
    HttpResponse<String> unknown = get("/api/v1/nope");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("\"code\":40400");
    HttpResponse<String> wrongMethod = get("/api/v1/system/emergency-stop");
    assertThat(wrongMethod.statusCode()).isIn(404, 405);
    assertThat(wrongMethod.body()).doesNotContain("<div id=\"root\">");
    for (String p : new String[] {"/v1/nope", "/stream/nope", "/docs/nope.js", "/metrics"}) {
      assertThat(get(p).body()).as(p).doesNotContain("<div id=\"root\">");
    }
    assertThat(get("/api/v1/health").statusCode()).isEqualTo(200);
    assertThat(get("/openapi.json").body()).startsWith("{");
  }

  @Test
  void notBuilt_noDashboard_rootIs404() throws Exception {
    start(false);
    assertThat(WebDashboard.fromClasspath(loader)).isEmpty();
    assertThat(get("/").statusCode()).isEqualTo(404);
    assertThat(get("/risk").statusCode()).isEqualTo(404);
  }

  @Test
  void contentTypes_andApiPrefixes() {
    assertThat(WebDashboard.contentType("/a/b.WOFF2")).isEqualTo("font/woff2");
    assertThat(WebDashboard.contentType("/x.bin")).isEqualTo("application/octet-stream");
    assertThat(WebDashboard.isApi("/api")).isTrue();
    assertThat(WebDashboard.isApi("/api/v1/health")).isTrue();
    assertThat(WebDashboard.isApi("/apiary")).isFalse();
    assertThat(WebDashboard.isApi("//api/v1/health//")).isTrue();
    assertThat(WebDashboard.isApi("///metrics")).isTrue();
    assertThat(WebDashboard.isApi("/docs")).isTrue();
    assertThat(WebDashboard.isApi("/risk")).isFalse();
  }
}
