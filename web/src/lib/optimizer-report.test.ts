import { describe, expect, it } from "vitest";
import { curvePath, heatGrid, heatLevel, num, paramColumns, parseCsv, topTrials, trialRows } from "./optimizer-report";

const TRIALS = 'fold,trial,long_n,short_n,"calmar",sharpe,calmar,sortino,cagr,max_drawdown,total_trades,avg_turnover,rejection\n' + "0,0,10,5,1.5,0.9,1.5,1.1,0.2,-0.1,40,0.3,\n" + "0,1,20,5,2.5,1.2,2.5,1.4,0.3,-0.1,38,0.3,\n" + '0,2,20,10,,,,,,,,,"max_drawdown, 0.5 > 0.4"\n' + "1,0,10,5,0.5,0.1,0.5,0.2,0.05,-0.2,41,0.3,\n";

describe("optimizer report helpers", () => {
  it("parses CSV with quoted commas and a trailing newline", () => {
    const c = parseCsv(TRIALS);
    expect(c.header[4]).toBe("calmar");
    expect(c.rows).toHaveLength(4);
    expect(c.rows[2][12]).toBe("max_drawdown, 0.5 > 0.4");
    expect(parseCsv('a,b\r\n"x""y",2').rows).toEqual([['x"y', "2"]]);
  });
  it("finds the parameter columns of trials.csv", () => {
    expect(paramColumns(parseCsv(TRIALS).header, 1)).toEqual(["long_n", "short_n"]);
    expect(paramColumns(["fold", "trial"], 1)).toEqual([]);
  });
  it("reads numbers, empty as null", () => {
    expect(num("1.5")).toBe(1.5);
    expect(num("")).toBeNull();
    expect(num("NaN")).toBeNull();
  });
  it("maps trials: parameters, the objective's score and the rejection", () => {
    const rows = trialRows(parseCsv(TRIALS), ["long_n", "short_n"]);
    expect(rows[1]).toEqual({ fold: 0, trial: 1, params: { long_n: 20, short_n: 5 }, score: 2.5, sharpe: 1.2, trades: 38, rejection: "" });
    expect(rows[2].score).toBeNull();
    expect(rows[2].rejection).toBe("max_drawdown, 0.5 > 0.4");
  });
  it("ranks accepted trials best first", () => {
    const rows = trialRows(parseCsv(TRIALS), ["long_n", "short_n"]);
    expect(topTrials(rows, 2).map((r) => [r.fold, r.trial])).toEqual([
      [0, 1],
      [0, 0],
    ]);
  });
  it("averages the score per parameter pair for the heat map", () => {
    const rows = trialRows(parseCsv(TRIALS), ["long_n", "short_n"]);
    const g = heatGrid(rows, "long_n", "short_n");
    expect(g.xs).toEqual([10, 20]);
    expect(g.ys).toEqual([5]);
    expect(g.cells).toEqual([[1.0, 2.5]]);
    expect([g.min, g.max]).toEqual([1.0, 2.5]);
    expect(heatLevel(1.75, g)).toBeCloseTo(0.5);
    expect(heatLevel(3, { min: 3, max: 3 })).toBe(0.5);
  });
  it("draws a best-so-far curve, breaking at gaps", () => {
    expect(curvePath([0, 1, 2], 100, 10)).toBe("M0.0,10.0L50.0,5.0L100.0,0.0");
    expect(curvePath([1, null, 1], 10, 10)).toBe("M0.0,10.0M10.0,10.0");
    expect(curvePath([null], 10, 10)).toBe("");
  });
});
