package io.perpetua.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.jobs.BacktestResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static int count(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void render_hasChartsMetricsAndSections() {
    String html = HtmlReport.render(Fixtures.result(), false);
    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>");
    // equity, drawdown and cost charts, each with a drawn path or bars
    assertThat(count(html, "<svg ")).isEqualTo(3);
    assertThat(count(html, "</svg>")).isEqualTo(3);
    assertThat(count(html, "<path class=\"line\"")).isEqualTo(2);
    assertThat(count(html, "<rect class=\"bar\"")).isEqualTo(5);
    // the metric values, formatted
    assertThat(html)
        .contains("<td>Sharpe</td><td>1.84</td>")
        .contains("<td>Sortino</td><td>2.31</td>")
        .contains("<td>Calmar</td><td>1.12</td>")
        .contains("<td>Max drawdown</td><td>-14.20 %</td>")
        .contains("<td>CAGR</td><td>18.70 %</td>")
        .contains("<td>Total return</td><td>19.50 %</td>")
        .contains("<td>Win rate</td><td>63.8 %</td>")
        .contains("<td>Profit factor</td><td>1.92</td>")
        .contains("<td>Expected value / trade</td><td>12.43 USDT</td>")
        .contains("<td>Total trades</td><td>150</td>")
        .contains("<td>Average trade duration</td><td>4.1 h</td>");
    // header: strategy, parameters, costs
    assertThat(html)
        .contains("Backtest report: baseline_rev")
        .contains("long_n=30, short_n=30")
        .contains("taker fee 5.00 bps");
    assertThat(html).contains("id=\"monthly\"").contains("<th>Jan</th>");
    assertThat(html).doesNotContain("id=\"survivorship\"");
  }

  @Test
  void render_runThatTradedNothing_saysWhy_andListsRejectionsByRuleAndSkippedSymbols() {
    String html = HtmlReport.render(Fixtures.idle(), false);
    assertThat(html)
        .contains(
            "<div class=\"caveat\" id=\"idle\">no trades: all 734 orders were rejected by the"
                + " pre-trade checks (max_position_pct 734)</div>")
        .contains("<td>  by max_position_pct</td><td>734 (first: position 33.3% of equity")
        .contains("<td>  FTTUSDT</td><td>no traded volume</td>");
    assertThat(HtmlReport.render(Fixtures.result(), false))
        .doesNotContain("id=\"idle\"")
        .contains("<td>Orders rejected</td><td>4</td>");
  }

  @Test
  void render_isSelfContained() {
    String html = HtmlReport.render(Fixtures.result(), true);
    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("<link")
        .doesNotContain("http://")
        .doesNotContain("https://")
        .doesNotContain("src=")
        .contains("<style>");
  }

  @Test
  void render_escapesStrategyName() {
    BacktestResult r = Fixtures.result("<script>alert('x')</script>", Fixtures.metrics());
    String html = HtmlReport.render(r, false);
    assertThat(html).doesNotContain("<script");
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  }

  @Test
  void render_survivorshipCaveat_onlyWhenFlagged() {
    assertThat(HtmlReport.render(Fixtures.result(), true))
        .contains("id=\"survivorship\"")
        .contains("Survivorship bias");
    assertThat(HtmlReport.render(Fixtures.result(), false)).doesNotContain("Survivorship bias");
  }

  @Test
  void render_limitsTradesAndAttributionRows() {
    String html = HtmlReport.render(Fixtures.result(), false, 7, 3);
    String trades = html.substring(html.indexOf("id=\"trades\""));
    assertThat(count(trades, "<tr>") - 1).isEqualTo(7);
    assertThat(html).contains("First 7 of 150");
    String attribution =
        html.substring(html.indexOf("id=\"attribution\""), html.indexOf("id=\"trades\""));
    // 3 best + 3 worst + header + the "… 19 symbols …" row
    assertThat(count(attribution, "<tr>")).isEqualTo(8);
    assertThat(attribution).contains("19 symbols");
    // best first: symbol 24 has the largest net PnL ((24 - 12.5) * 37 = 425.5)
    assertThat(attribution.indexOf("SYM24USDT")).isLessThan(attribution.indexOf("SYM0USDT"));
    assertThat(attribution).contains("425.50");
  }

  @Test
  void render_undefinedMetrics_printNotAvailable() {
    var m = Fixtures.metrics();
    var undefined =
        new io.perpetua.jobs.Metrics(
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            0,
            0,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NaN,
            0,
            Double.NaN,
            m.avgTurnover());
    String html = HtmlReport.render(Fixtures.result("x", undefined), false);
    assertThat(html).contains("<td>Sharpe</td><td>n/a</td>");
    assertThat(html).contains("<td>Profit factor</td><td>∞</td>");
    String metrics = html.substring(html.indexOf("<h2>Metrics</h2>"), html.indexOf("<h2>Equity"));
    assertThat(metrics).doesNotContain("NaN").doesNotContain("Infinity");
    assertThat(metrics).contains("<td>Expected value / trade</td><td>n/a</td>");
  }
}
