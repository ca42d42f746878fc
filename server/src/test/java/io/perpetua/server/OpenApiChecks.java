package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.server.http.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/** A running {@link TestServer}'s routes checked against the OpenAPI document it generates. */
final class OpenApiChecks {
  private OpenApiChecks() {}

  /** {@link #everyRoute(TestServer, Predicate, Function, String)} at each route's own path. */
  static int everyRoute(TestServer api, Predicate<String> paths) {
    return everyRoute(api, paths, Route::path, null);
  }

  /**
   * {@link #everyRoute(TestServer, Predicate, Function, String)} for the routes under {@code
   * prefix}, dumping to the folder {@code FLOW_EXAMPLES_DUMP} names when it is set (how the flow
   * routes' examples are regenerated).
   */
  static int everyFlowRoute(TestServer api, String prefix, Function<Route, String> livePath) {
    return everyRoute(
        api, path -> path.startsWith(prefix), livePath, System.getenv("FLOW_EXAMPLES_DUMP"));
  }

  /**
   * For every route whose path {@code paths} accepts: the example of its 200 answer matches the
   * answer's schema, and a GET's live answer at {@code livePath} is a 200 that matches it too.
   *
   * @param dumpDir null to check the examples; else a folder the GETs' live {@code data} are
   *     written to (one {@code _api_v1_…json} file a route) instead, to regenerate the examples
   * @return how many routes were checked
   */
  static int everyRoute(
      TestServer api, Predicate<String> paths, Function<Route, String> livePath, String dumpDir) {
    JsonNode doc = api.get("/openapi.json").json();
    SchemaValidator validator = new SchemaValidator(doc);
    int checked = 0;
    for (Route route : api.server.routeTable().routes()) {
      if (!paths.test(route.path())) {
        continue;
      }
      JsonNode ok =
          doc.path("paths")
              .path(route.path())
              .path(route.method().name().toLowerCase(Locale.ROOT))
              .at("/responses/200/content/application~1json");
      if (route.method().name().equals("GET")) {
        TestServer.Response live = api.get(livePath.apply(route));
        assertThat(live.status()).as(live.body()).isEqualTo(200);
        assertThat(validator.validate(ok.get("schema"), live.json()))
            .as(route.path() + " " + live.body())
            .isEmpty();
        if (dumpDir != null) {
          dump(Path.of(dumpDir, route.path().replaceAll("[/{}]", "_") + ".json"), live.data());
        }
      }
      if (dumpDir == null) {
        assertThat(validator.validate(ok.get("schema"), ok.get("example")))
            .as("example of " + route)
            .isEmpty();
      }
      checked++;
    }
    return checked;
  }

  private static void dump(Path file, JsonNode data) {
    try {
      Files.writeString(file, data.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
