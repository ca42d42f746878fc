package io.perpetua.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReturnsMatrixCsvTest {
  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path f = dir.resolve("trials.csv");
    Files.writeString(f, content);
    return f;
  }

  private void rejects(String content, int line, String problem) throws IOException {
    Path f = file(content);
    assertThatThrownBy(() -> ReturnsMatrixCsv.read(f))
        .isInstanceOf(ReturnsCsvException.class)
        .hasMessage(f + (line > 0 ? ":" + line : "") + ": " + problem)
        .extracting(e -> ((ReturnsCsvException) e).line())
        .isEqualTo(line);
  }

  @Test
  void read_withHeader_bomCommentsAndBlankLinesSkipped() throws Exception {
    ReturnsMatrixCsv.Matrix m =
        ReturnsMatrixCsv.read(file("\uFEFFa,b,c\n# note\n\n0.1,-0.2,3e-2\n\"0.5\",0,-.25\n"));
    assertThat(m.header()).containsExactly("a", "b", "c");
    assertThat(m.rows()).hasDimensions(2, 3);
    assertThat(m.rows()[0]).containsExactly(0.1, -0.2, 0.03);
    assertThat(m.rows()[1]).containsExactly(0.5, 0.0, -0.25);
  }

  @Test
  void read_withoutHeader_firstLineIsData() throws Exception {
    ReturnsMatrixCsv.Matrix m = ReturnsMatrixCsv.read(file("0.1,0.2\n-0.1,-0.2\n"));
    assertThat(m.header()).isNull();
    assertThat(m.rows()).hasDimensions(2, 2);
    assertThat(m.rows()[0]).containsExactly(0.1, 0.2);
    assertThat(m.rows()[1]).containsExactly(-0.1, -0.2);
  }

  @Test
  void read_headerWithOneNonNumber_isAHeader() throws Exception {
    ReturnsMatrixCsv.Matrix m = ReturnsMatrixCsv.read(file("1,x\n0.1,0.2\n"));
    assertThat(m.header()).containsExactly("1", "x");
    assertThat(m.rows()).hasDimensions(1, 2);
  }

  @Test
  void read_bomOnlyStrippedOnTheFirstLine() throws IOException {
    rejects("0.1\n\uFEFF0.2\n", 2, "not a number: '\uFEFF0.2' in column 1");
  }

  @Test
  void read_raggedRow_namesLineAndCounts() throws IOException {
    rejects("a,b\n0.1,0.2\n0.3\n", 3, "1 columns, expected 2 as on the first line");
    rejects("a,b\n0.1,0.2,0.3\n", 2, "3 columns, expected 2 as on the first line");
  }

  @Test
  void read_badValue_namesColumnByHeaderOrPosition() throws IOException {
    rejects("a,b\n0.1,abc\n", 2, "not a number: 'abc' in column 'b'");
    rejects("0.1,0.2\n0.1,abc\n", 2, "not a number: 'abc' in column 2");
    rejects("a,b\n,0.1\n", 2, "empty value in column 'a'");
  }

  @Test
  void read_valueOutOfRange_isRejected() throws IOException {
    rejects("a\n1e400\n", 2, "value out of range in column 'a': '1e400'");
  }

  @Test
  void read_noRows_isRejected() throws IOException {
    rejects("a,b\n# only a header\n", 0, "no returns in the file");
    rejects("", 0, "no returns in the file");
  }
}
