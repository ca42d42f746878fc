package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Swagger UI at {@code /docs}, served offline from the webjar. */
class DocsTest {
  private static TestServer api;

  @BeforeAll
  static void start() {
    api = TestServer.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void docsPage_isSwaggerHtml_referencingOnlyLocalAssets() {
    TestServer.Response r = api.getAnonymous("/docs");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    assertThat(r.body())
        .contains("<div id=\"swagger-ui\">")
        .doesNotContain("http://")
        .doesNotContain("https://");
    assertThat(api.getAnonymous("/docs/").body()).isEqualTo(r.body());
  }

  @Test
  void everyAssetThePageReferences_loads() {
    String html = api.getAnonymous("/docs").body();
    Matcher m = Pattern.compile("(?:src|href)=\"(/docs/[^\"]+)\"").matcher(html);
    List<String> assets = new ArrayList<>();
    while (m.find()) {
      assets.add(m.group(1));
    }
    assertThat(assets)
        .contains(
            "/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css", "/docs/swagger-initializer.js");
    for (String asset : assets) {
      TestServer.Response r = api.getAnonymous(asset);
      assertThat(r.status()).as(asset).isEqualTo(200);
      assertThat(r.bytes()).as(asset).isNotEmpty();
    }
  }

  @Test
  void bundle_isTheSwaggerUiJavascript() {
    TestServer.Response r = api.getAnonymous("/docs/swagger-ui-bundle.js");
    assertThat(r.header("Content-Type")).startsWith("text/javascript");
    assertThat(r.bytes().length).isGreaterThan(500_000);
    assertThat(r.body()).contains("SwaggerUIBundle");
  }

  @Test
  void initializer_pointsAtOpenApiJson() {
    TestServer.Response r = api.getAnonymous("/docs/swagger-initializer.js");
    assertThat(r.header("Content-Type")).startsWith("text/javascript");
    assertThat(r.body()).contains("url: \"/openapi.json\"").contains("SwaggerUIBundle(");
  }
}
