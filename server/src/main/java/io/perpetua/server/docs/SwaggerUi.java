package io.perpetua.server.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Swagger UI for the API, served offline from the {@code org.webjars:swagger-ui} jar on the
 * classpath (no CDN): the page at {@code /docs}, its assets at {@code /docs/<file>}, pointed at
 * {@code /openapi.json}. Only a fixed list of assets is served. Assets are read once and cached.
 * Thread-safe.
 */
public final class SwaggerUi {
  /** Where the UI is served. */
  public static final String PATH = "/docs";

  /** The document it shows. */
  public static final String SPEC_PATH = "/openapi.json";

  /** Our initializer, replacing the webjar's (which points at the Petstore demo). */
  public static final String INITIALIZER = "swagger-initializer.js";

  private static final String POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
  private static final Map<String, String> ASSETS =
      Map.of(
          "swagger-ui.css", "text/css; charset=utf-8",
          "index.css", "text/css; charset=utf-8",
          "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
          "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
          "favicon-16x16.png", "image/png",
          "favicon-32x32.png", "image/png");

  private final String version;
  private final String root;
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /**
   * Locates the webjar.
   *
   * @throws IllegalStateException if it is not on the classpath
   */
  public SwaggerUi() {
    Properties pom = new Properties();
    try (InputStream in = SwaggerUi.class.getResourceAsStream(POM)) {
      if (in == null) {
        throw new IllegalStateException("org.webjars:swagger-ui is not on the classpath");
      }
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.version = pom.getProperty("version");
    this.root = "/META-INF/resources/webjars/swagger-ui/" + version + "/";
  }

  /** The Swagger UI version served. */
  public String version() {
    return version;
  }

  /** A file of the UI. */
  public record Asset(byte[] bytes, String contentType) {}

  /** The HTML page. */
  public Asset page() {
    String html =
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Perpetua API</title>
          <link rel="stylesheet" href="/docs/swagger-ui.css">
          <link rel="stylesheet" href="/docs/index.css">
          <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="/docs/swagger-ui-bundle.js"></script>
          <script src="/docs/swagger-ui-standalone-preset.js"></script>
          <script src="/docs/swagger-initializer.js"></script>
        </body>
        </html>
        """;
    return new Asset(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
  }

  /** The asset {@code name} (a file name under {@code /docs/}), if it is one of the UI's. */
  public Optional<Asset> asset(String name) {
    if (INITIALIZER.equals(name)) {
      String js =
          """
          window.onload = function () {
            window.ui = SwaggerUIBundle({
              url: "%s",
              dom_id: "#swagger-ui",
              deepLinking: true,
              persistAuthorization: true,
              presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
              plugins: [SwaggerUIBundle.plugins.DownloadUrl],
              layout: "BaseLayout"
            });
          };
          """
              .formatted(SPEC_PATH);
      return Optional.of(
          new Asset(js.getBytes(StandardCharsets.UTF_8), "text/javascript; charset=utf-8"));
    }
    String type = ASSETS.get(name);
    if (type == null) {
      return Optional.empty();
    }
    return Optional.of(new Asset(cache.computeIfAbsent(name, this::read), type));
  }

  private byte[] read(String name) {
    try (InputStream in = SwaggerUi.class.getResourceAsStream(root + name)) {
      if (in == null) {
        throw new IllegalStateException("missing in the swagger-ui webjar: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
