package io.perpetua.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReturnsCsvTest {
  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path f = dir.resolve("returns.csv");
    Files.writeString(f, content);
    return f;
  }

  @Test
  void read_singleColumnWithoutHeader() throws Exception {
    ReturnsCsv.Series s = ReturnsCsv.read(file("0.01\n-0.02\n\n# comment\n3e-2\n"), null);
    assertThat(s.column()).isNull();
    assertThat(s.returns()).containsExactly(0.01, -0.02, 0.03);
  }

  @Test
  void read_singleColumnWithHeaderAndBom() throws Exception {
    ReturnsCsv.Series s = ReturnsCsv.read(file("\uFEFFreturn\r\n0.5\r\n\"-0.25\"\r\n"), null);
    assertThat(s.column()).isEqualTo("return");
    assertThat(s.returns()).containsExactly(0.5, -0.25);
  }

  @Test
  void read_namedColumn_caseInsensitive() throws Exception {
    ReturnsCsv.Series s =
        ReturnsCsv.read(file("date,Ret,other\n2024-01-01,0.1,x\n2024-01-02,-.05,y\n"), "ret");
    assertThat(s.column()).isEqualTo("Ret");
    assertThat(s.returns()).containsExactly(0.1, -0.05);
  }

  @Test
  void read_nonNumericValue_namesFileAndLine() throws IOException {
    Path f = file("ret\n0.1\n\nabc\n");
    assertThatThrownBy(() -> ReturnsCsv.read(f, null))
        .isInstanceOf(ReturnsCsvException.class)
        .hasMessage(f + ":4: not a number in column 'ret': 'abc'")
        .extracting(e -> ((ReturnsCsvException) e).line())
        .isEqualTo(4);
  }

  @Test
  void read_nanAndEmptyValues_areErrors() throws IOException {
    Path nan = file("0.1\nNaN\n");
    assertThatThrownBy(() -> ReturnsCsv.read(nan, null)).hasMessageContaining(":2: not a number");
    Path empty = file("date,ret\n2024-01-01,\n");
    assertThatThrownBy(() -> ReturnsCsv.read(empty, "ret"))
        .hasMessageContaining(":2: empty value in column 'ret'");
  }

  @Test
  void read_severalColumnsWithoutChoice_asksForColumn() throws IOException {
    Path f = file("date,ret\n2024-01-01,0.1\n");
    assertThatThrownBy(() -> ReturnsCsv.read(f, null))
        .hasMessageContaining(":1: 2 columns [date, ret]")
        .hasMessageContaining("--column");
  }

  @Test
  void read_unknownColumn_andShortRow() throws IOException {
    Path f = file("date,ret\n2024-01-01\n");
    assertThatThrownBy(() -> ReturnsCsv.read(f, "pnl"))
        .hasMessageContaining(":1: no column 'pnl' in the header [date, ret]");
    assertThatThrownBy(() -> ReturnsCsv.read(f, "ret"))
        .hasMessageContaining(":2: expected at least 2 columns, found 1");
  }

  @Test
  void read_noReturns_isAnError() throws IOException {
    Path f = file("ret\n\n");
    assertThatThrownBy(() -> ReturnsCsv.read(f, null))
        .isInstanceOf(ReturnsCsvException.class)
        .hasMessage(f + ": no returns in the file");
  }
}
