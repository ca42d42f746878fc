package io.perpetua.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import io.perpetua.server.ServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web dashboard (the {@code web/} app's production build) served at {@code /}: its files from
 * the classpath under {@value #RESOURCE_ROOT} (the {@code app} build puts them there), hashed
 * assets under {@code /assets/} with a one-year immutable cache, everything else revalidated, and
 * every other GET path outside the API answered with {@code index.html} (the app routes in the
 * browser). The API's own prefixes ({@code /api}, {@code /v1}, {@code /stream}, {@code /docs},
 * {@code /metrics}, {@code /openapi.json}) are never answered here: an unknown API path keeps its
 * JSON 404/405. The files are public (they hold no data; every API call needs a token). Files are
 * read once and cached. Thread-safe.
 */
public final class WebDashboard implements ServerExtension {
  /** Where the build output is on the classpath. */
  public static final String RESOURCE_ROOT = "perpetua-web/";

  /** Cache policy of the content-hashed files under {@code /assets/}. */
  public static final String IMMUTABLE = "public, max-age=31536000, immutable";

  /** Cache policy of {@code index.html} and the other unhashed files. */
  public static final String REVALIDATE = "no-cache";

  private static final List<String> API_PREFIXES =
      List.of("/api/", "/v1/", "/stream/", "/docs", "/metrics", "/openapi.json");
  private static final Pattern FILE =
      Pattern.compile(
          "^(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*/[A-Za-z0-9_-][A-Za-z0-9._-]*\\.[a-z0-9]+$");
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json; charset=utf-8"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("txt", "text/plain; charset=utf-8"));

  private final ClassLoader loader;
  private final byte[] index;
  private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

  private WebDashboard(ClassLoader loader, byte[] index) {
    this.loader = loader;
    this.index = index;
  }

  /**
   * The dashboard built into {@code loader}'s classpath, or empty when it was not built (e.g. a
   * module test's classpath): the API then serves no page at {@code /}.
   */
  public static Optional<WebDashboard> fromClasspath(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    return read(loader, RESOURCE_ROOT + "index.html").map(html -> new WebDashboard(loader, html));
  }

  @Override
  public void install(Javalin javalin, Host host) {
    javalin.addHttpHandler(HandlerType.GET, "/", this::page);
    javalin.addHttpHandler(HandlerType.GET, "/*", this::serve);
  }

  private void page(Context ctx) {
    ctx.header("Cache-Control", REVALIDATE);
    ctx.contentType(TYPES.get("html")).result(index);
  }

  private void serve(Context ctx) {
    String path = ctx.path();
    if (isApi(path)) {
      throw new NotFoundResponse();
    }
    if (!FILE.matcher(path).matches()) {
      page(ctx); // a page of the app (/risk, /backtests?id=...): the browser routes it
      return;
    }
    byte[] file = file(path).orElseThrow(NotFoundResponse::new);
    ctx.header("Cache-Control", path.startsWith("/assets/") ? IMMUTABLE : REVALIDATE);
    ctx.contentType(contentType(path)).result(file);
  }

  /** Whether {@code path} belongs to the API (never answered by the dashboard). */
  static boolean isApi(String path) {
    String p = path.replaceAll("/{2,}", "/"); // "//api/v1/health" is still the API's, never a page
    for (String prefix : API_PREFIXES) {
      boolean bare = prefix.endsWith("/") && p.equals(prefix.substring(0, prefix.length() - 1));
      if (bare || p.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The content type of a file name; octet-stream for an unknown extension. */
  static String contentType(String path) {
    String ext = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }

  private Optional<byte[]> file(String path) {
    // FILE admits no "..": every segment starts with a letter, digit, '_' or '-'.
    return cache.computeIfAbsent(path, p -> read(loader, RESOURCE_ROOT + p.substring(1)));
  }

  private static Optional<byte[]> read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
