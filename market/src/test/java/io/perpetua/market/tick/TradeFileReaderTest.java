package io.perpetua.market.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradeFileReaderTest {
  @TempDir Path dir;

  @Test
  void realBtcFile_aggregatesWithoutLosingVolume() throws IOException {
    Path file = SharedData.require("ticks/BTCUSDT-trades-2020-02-22.csv");
    List<AggTrade> aggs = TradeFileReader.readAggTrades(file);
    // brute force over the raw rows
    List<String> rows = Files.readAllLines(file);
    double rawQty = 0;
    for (String row : rows.subList(1, rows.size())) {
      rawQty += Double.parseDouble(row.split(",")[7]);
    }
    double aggQty = aggs.stream().mapToDouble(AggTrade::quantity).sum();
    assertThat(rows).hasSize(10_000);
    assertThat(aggs.size()).isLessThan(9_999).isGreaterThan(3_000);
    assertThat(aggQty).isCloseTo(rawQty, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(aggs.get(0).aggId()).isEqualTo(42377944L);
    assertThat(aggs.get(0).timeMs()).isEqualTo(1582329602111L);
    for (int i = 1; i < aggs.size(); i++) {
      assertThat(aggs.get(i).timeMs()).isGreaterThanOrEqualTo(aggs.get(i - 1).timeMs());
      assertThat(aggs.get(i).aggId()).isGreaterThan(aggs.get(i - 1).aggId());
    }
  }

  @Test
  void sampleRows_mergeExactly() throws IOException {
    Path f = dir.resolve("t.csv");
    Files.writeString(
        f,
        """
        exchange,symbol,timestamp,local_timestamp,id,side,price,amount
        binance-futures,BTCUSDT,1582329602150000,1,10,buy,9682,0.296
        binance-futures,BTCUSDT,1582329602150000,1,11,buy,9682,0.004
        binance-futures,BTCUSDT,1582329602150000,1,12,sell,9682,0.01
        """);
    List<AggTrade> aggs = TradeFileReader.readAggTrades(f);
    assertThat(aggs).hasSize(2);
    assertThat(aggs.get(0).quantity()).isEqualTo(0.3);
    assertThat(aggs.get(1).buyerMaker()).isTrue();
  }

  @Test
  void malformedRow_namesTheLine() throws IOException {
    Path f = dir.resolve("bad.csv");
    Files.writeString(
        f,
        "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n"
            + "binance-futures,BTCUSDT,1,1,10,hold,9682,0.296\n");
    assertThatThrownBy(() -> TradeFileReader.readAggTrades(f)).hasMessageContaining(":2:");
  }

  @Test
  void hostileRows_areRejectedWithAReason_andSkipped() throws IOException {
    Path f = dir.resolve("hostile.csv");
    Files.writeString(
        f,
        "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n"
            + "binance-futures,BTCUSDT,1000000,1,10,buy,9682,0.5\n"
            + "binance-futures,BTCUSDT,2000000,1,11,buy,9682,-0.5\n"
            + "binance-futures,BTCUSDT,2000000,1,12,buy,NaN,0.5\n"
            + "binance-futures,BTCUSDT,2000000,1,13,sell,-1,0.5\n"
            + "binance-futures,BTCUSDT,2000000,1,10,sell,9683,0.5\n"
            + "binance-futures,BTCUSDT,500000,1,14,sell,9683,0.5\n"
            + "binance-futures,BTCUSDT,3000000,1,15,sell,9684,0.25\n");
    TickValidator validator = new TickValidator("test");
    List<AggTrade> aggs = TradeFileReader.readAggTrades(f, validator);
    assertThat(aggs).extracting(AggTrade::aggId).containsExactly(10L, 15L);
    assertThat(validator.rejections())
        .containsEntry("non_positive_quantity", 1L)
        .containsEntry("not_finite", 1L)
        .containsEntry("non_positive_price", 1L)
        .containsEntry("duplicate_id", 1L)
        .containsEntry("time_backwards", 1L);
  }
}
