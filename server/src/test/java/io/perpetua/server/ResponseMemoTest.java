package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.server.http.Route;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET answers are serialised once per value and second, and never answer an outdated value or
 * timestamp.
 */
class ResponseMemoTest {
  /** Counts how often it is serialised (Jackson calls the accessor; equals reads the field). */
  record Counted(int value) {
    static final AtomicInteger SERIALISED = new AtomicInteger();

    @Override
    public int value() {
      SERIALISED.incrementAndGet();
      return value;
    }
  }

  private final AtomicReference<Counted> current = new AtomicReference<>(new Counted(1));
  private TestServer api;

  @BeforeEach
  void start() {
    Counted.SERIALISED.set(0);
    RouteGroup group =
        () ->
            List.of(
                Route.get("/api/v1/test/counted")
                    .tag("Test")
                    .summary("A counted value")
                    .response(Counted.class, null)
                    .handle(r -> new Counted(current.get().value)));
    api = TestServer.start(group);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void get_unchangedValueInOneSecond_isSerialisedOnce() {
    for (int i = 0; i < 5; i++) {
      assertThat(api.get("/api/v1/test/counted").json().at("/data/value").asInt()).isEqualTo(1);
    }
    assertThat(Counted.SERIALISED.get()).isEqualTo(1);
  }

  @Test
  void get_changedValue_isAnsweredAtOnce() {
    api.get("/api/v1/test/counted");
    current.set(new Counted(2));
    assertThat(api.get("/api/v1/test/counted").json().at("/data/value").asInt()).isEqualTo(2);
    current.set(new Counted(1));
    assertThat(api.get("/api/v1/test/counted").json().at("/data/value").asInt()).isEqualTo(1);
  }

  @Test
  void get_nextSecond_carriesTheNewTimestamp() {
    String first = api.get("/api/v1/test/counted").json().at("/timestamp").asText();
    api.clock.set(api.clock.nowMillis() + 1_000);
    String next = api.get("/api/v1/test/counted").json().at("/timestamp").asText();
    assertThat(next).isNotEqualTo(first);
    assertThat(Counted.SERIALISED.get()).isEqualTo(2);
  }
}
