package io.perpetua.server.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DecimalsSerializerTest {
  private final ObjectMapper mapper = Json.newMapper();

  record Sample(
      @Decimals(Decimals.PRICE) double price,
      @Decimals(Decimals.WEIGHT) double weight,
      @Decimals(Decimals.MONEY) double money,
      @Nullable @Decimals(Decimals.PRICE) Double maybe,
      double raw,
      Instant at) {}

  @Test
  void roundsHalfUp_toThePropertysPlaces_asPlainNumbers() throws Exception {
    String json =
        mapper.writeValueAsString(
            new Sample(
                62450.123456785,
                0.0000005,
                10.005,
                null,
                0.1,
                Instant.parse("2026-03-02T23:59:00.999Z")));
    assertThat(json)
        .isEqualTo(
            "{\"price\":62450.12345679,\"weight\":0.000001,\"money\":10.01,\"maybe\":null,"
                + "\"raw\":0.1,\"at\":\"2026-03-02T23:59:00Z\"}");
  }

  @Test
  void keepsOneDecimalPlace_andNeverUsesExponents() throws Exception {
    String json =
        mapper.writeValueAsString(new Sample(62800, 0.00000001, -0.004, 1e-8, 0, Instant.EPOCH));
    assertThat(json)
        .startsWith("{\"price\":62800.0,\"weight\":0.0,\"money\":0.0,\"maybe\":0.00000001,");
  }

  @Test
  void nonFiniteValues_becomeNull() throws Exception {
    String json =
        mapper.writeValueAsString(
            new Sample(Double.NaN, Double.POSITIVE_INFINITY, 1, null, 0, Instant.EPOCH));
    assertThat(json).startsWith("{\"price\":null,\"weight\":null,\"money\":1.0,");
  }

  @Test
  void round_isHalfUpAwayFromZero() {
    assertThat(DecimalsSerializer.round(-2.105, 2)).isEqualByComparingTo("-2.11");
    assertThat(DecimalsSerializer.round(1.8512345, 6).toPlainString()).isEqualTo("1.851235");
    assertThat(DecimalsSerializer.round(5120.3, 2).toPlainString()).isEqualTo("5120.3");
  }
}
