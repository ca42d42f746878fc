package io.perpetua.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTest {
  private static Route.Builder base(String path) {
    return Route.get(path).tag("T").summary("s").response(String.class, null);
  }

  @Test
  void pathParameters_mustMatchThePath() {
    assertThatThrownBy(() -> base("/a/{id}").handle(r -> "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[id]");
    assertThatThrownBy(
            () -> base("/a").param(Param.string("id", "[a-z]+", 9).inPath()).handle(r -> "x"))
        .isInstanceOf(IllegalArgumentException.class);
    Route ok = base("/a/{id}/b").param(Param.string("id", "[a-z]+", 9).inPath()).handle(r -> "x");
    assertThat(ok.matchesPath("/a/xyz/b")).isTrue();
    assertThat(ok.matchesPath("/a/xyz/b/")).isTrue();
    assertThat(ok.matchesPath("/a/x/y/b")).isFalse();
    assertThat(ok.operationId()).isEqualTo("get_a_id_b");
  }

  @Test
  void declarationsAreValidated() {
    assertThatThrownBy(() -> Route.get("no-slash")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Route.get("/a").summary("s").response(String.class, null).handle(r -> 1))
        .hasMessageContaining("tag");
    assertThatThrownBy(() -> base("/a").body(String.class, "{}").handle(r -> 1))
        .hasMessageContaining("GET");
    assertThatThrownBy(() -> base("/a").response(String.class, "{not json").handle(r -> 1))
        .hasMessageContaining("not JSON");
    Param<String> side = Param.oneOf("side", "long");
    assertThatThrownBy(() -> base("/a").param(side).param(side).handle(r -> 1))
        .hasMessageContaining("twice");
  }

  @Test
  void routesRequireTheTokenByDefault_andImplyTheirErrors() {
    Route secured = base("/a").handle(r -> 1);
    assertThat(secured.authRequired()).isTrue();
    assertThat(secured.errors())
        .contains(ApiError.MISSING_TOKEN, ApiError.INVALID_TOKEN, ApiError.INTERNAL)
        .doesNotContain(ApiError.NOT_FOUND, ApiError.MALFORMED_BODY);
    Route open = base("/b").publicAccess().errors(ApiError.NOT_FOUND).handle(r -> 1);
    assertThat(open.errors()).contains(ApiError.NOT_FOUND).doesNotContain(ApiError.MISSING_TOKEN);
  }

  @Test
  void table_findsMethodsForAPath_andRejectsSameShapeTwice() {
    Route get = base("/a/{id}").param(Param.string("id", "[a-z]+", 9).inPath()).handle(r -> 1);
    Route post =
        Route.post("/a/{id}")
            .tag("T")
            .summary("s")
            .param(Param.string("id", "[a-z]+", 9).inPath())
            .response(String.class, null)
            .handle(r -> 1);
    RouteTable table = RouteTable.of(List.of(get, post));
    assertThat(table.methodsFor("/a/x")).containsExactly(HttpMethod.GET, HttpMethod.POST);
    assertThat(table.methodsFor("/b")).isEmpty();
    Route other = base("/a/{key}").param(Param.string("key", "[a-z]+", 9).inPath()).handle(r -> 1);
    assertThatThrownBy(() -> table.with(List.of(other)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void errorCodes_areWithinTheSpecRanges_andUnique() {
    java.util.Set<Integer> codes = new java.util.HashSet<>();
    for (ApiError e : ApiError.values()) {
      assertThat(codes.add(e.code())).as(e.name()).isTrue();
      int c = e.code();
      boolean inRange =
          (c >= 40000 && c <= 40099)
              || (c >= 40100 && c <= 40199)
              || (c >= 40400 && c <= 40499)
              || (c >= 50000 && c <= 50099)
              || (c >= 50300 && c <= 50399);
      assertThat(inRange).as(e + " " + c).isTrue();
      assertThat(e.httpStatus() / 100).isEqualTo(c / 10000);
    }
  }
}
