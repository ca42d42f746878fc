import { describe, expect, it } from "vitest";
import { bestParamRows, bestParamValues, buildSpace, compareRuns, numericParams, type RunLike } from "./optimizer";

describe("search space", () => {
  it("writes lo:hi[:step] and leaves empty rows to the declared default", () => {
    const r = buildSpace([
      { name: "long_n", lo: "5", hi: "50", step: "5" },
      { name: "gross_exposure", lo: "0.5", hi: "2", step: "" },
      { name: "short_n", lo: "", hi: "", step: "" },
    ]);
    expect(r).toEqual({ space: { long_n: "5:50:5", gross_exposure: "0.5:2" }, errors: [] });
  });
  it("names the field of each bad row", () => {
    const r = buildSpace([
      { name: "a", lo: "50", hi: "5", step: "" },
      { name: "b", lo: "1", hi: "5", step: "0" },
      { name: "c", lo: "x", hi: "5", step: "" },
      { name: "d", lo: "1", hi: "", step: "" },
    ]);
    expect(r.space).toEqual({});
    expect(r.errors).toEqual(["a: bounds reversed", "b.step: must be > 0", "c: bounds must be numbers", "d: both bounds are needed"]);
  });
  it("offers the numeric parameters of a configuration", () => {
    expect(numericParams({ short_n: 30, features: ["x"], long_n: 30, on: true, bad: Number.NaN })).toEqual([
      { name: "long_n", value: 30 },
      { name: "short_n", value: 30 },
    ]);
    expect(numericParams(null)).toEqual([]);
  });
});

describe("best parameters", () => {
  it("reads value and interval, or a bare value", () => {
    expect(bestParamRows({ short_n: { value: 20, ci_low: 15, ci_high: 25 }, long_n: 30, x: { value: 1, ci_low: null } })).toEqual([
      { name: "long_n", value: 30, ciLow: null, ciHigh: null },
      { name: "short_n", value: 20, ciLow: 15, ciHigh: 25 },
      { name: "x", value: 1, ciLow: null, ciHigh: null },
    ]);
    expect(bestParamValues({ short_n: { value: 20, ci_low: 15, ci_high: 25 } })).toEqual({ short_n: 20 });
    expect(bestParamRows(null)).toEqual([]);
  });
});

describe("compare runs", () => {
  const run = (id: string, sharpe: number | null, best: Record<string, unknown> | null): RunLike => ({
    run_id: id,
    status: "done",
    strategy_id: "baseline_rev",
    objective: "calmar",
    algorithm: "tpe",
    windows: "train=60d,step=30d",
    trials: 10,
    seed: 7,
    result: { total_return: 0.1, cagr: 0.2, sharpe, max_drawdown: -0.05, best_params: best },
  });
  it("differences numeric metrics and parameters; union of parameter names", () => {
    const rows = compareRuns(run("a", 1, { long_n: { value: 10 } }), run("b", 1.5, { long_n: { value: 20 }, short_n: { value: 5 } }));
    const sharpe = rows.find((r) => r.label === "OOS Sharpe")!;
    expect(sharpe.diff).toBeCloseTo(0.5);
    expect(rows.find((r) => r.label === "long_n")).toEqual({ label: "long_n", a: "10", b: "20", diff: 10, kind: "param" });
    expect(rows.find((r) => r.label === "short_n")).toEqual({ label: "short_n", a: "—", b: "5", diff: null, kind: "param" });
  });
  it("has no difference where a metric is missing", () => {
    const rows = compareRuns(run("a", null, null), run("b", 1, null));
    expect(rows.find((r) => r.label === "OOS Sharpe")!.diff).toBeNull();
  });
});
