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
}
