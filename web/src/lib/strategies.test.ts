import { describe, expect, it } from "vitest";
import { changedParams, heatColor, heatMap, nextStage, parseParamValue, payloadNames } from "./strategies";

describe("heat map", () => {
  const metrics = [
    { key: "ret", label: "Return", better: "high" as const },
    { key: "mdd", label: "Max DD", better: "low" as const },
  ];
  it("keeps the sign of 'high' metrics, scaled by the largest magnitude", () => {
    const cells = heatMap([{ ret: 0.1, mdd: -0.05 }, { ret: -0.2, mdd: -0.15 }, { ret: null, mdd: -0.1 }], metrics);
    expect(cells[0][0].score).toBeCloseTo(0.5);
    expect(cells[1][0].score).toBeCloseTo(-1);
    expect(cells[2][0]).toEqual({ value: null, score: 0 });
  });
  it("scores 'low' metrics by magnitude: the shallowest drawdown green, the deepest red", () => {
    const cells = heatMap([{ ret: 0.1, mdd: -0.05 }, { ret: -0.2, mdd: -0.15 }, { ret: null, mdd: -0.1 }], metrics);
    const scores = cells.map((r) => r[1].score);
    expect(scores[0]).toBeCloseTo(1);
    expect(scores[1]).toBeCloseTo(-1);
    expect(scores[2]).toBeCloseTo(0);
  });
  it("is neutral when nothing can be compared", () => {
    expect(heatMap([{ ret: 0, mdd: -0.1 }, { ret: 0, mdd: -0.1 }], metrics).flat().map((c) => c.score)).toEqual([0, 0, 0, 0]);
    expect(heatMap([{ ret: Number.NaN }], metrics)[0].map((c) => c.value)).toEqual([null, null]);
  });
  it("colours good green, bad red, neutral transparent", () => {
    expect(heatColor(1)).toBe("rgba(34,197,94,0.450)");
    expect(heatColor(-0.5)).toBe("rgba(239,68,68,0.225)");
    expect(heatColor(0)).toBe("transparent");
  });
});

describe("parameter edits", () => {
  it("reads a value with the type of the value in force", () => {
    expect(parseParamValue("long_n", " 20 ", 30)).toEqual({ ok: true, value: 20 });
    expect(parseParamValue("long_n", "twenty", 30)).toEqual({ ok: false, error: "long_n: must be a number, was 'twenty'" });
    expect(parseParamValue("on", "false", true)).toEqual({ ok: true, value: false });
    expect(parseParamValue("features", '["a","b"]', ["a"])).toEqual({ ok: true, value: ["a", "b"] });
    expect(parseParamValue("features", '{"a":1}', ["a"]).ok).toBe(false);
    expect(parseParamValue("pool", "t50", "default")).toEqual({ ok: true, value: "t50" });
    expect(parseParamValue("long_n", "", 30).ok).toBe(false);
  });
  it("sends only the changed parameters and names every bad one", () => {
    const current = { long_n: 30, short_n: 30, features: ["a"] };
    expect(changedParams(current, { long_n: "20", short_n: "30", features: '["a"]' })).toEqual({ changes: { long_n: 20 }, errors: [] });
    expect(changedParams(current, { long_n: "x", nope: "1" }).errors).toEqual(["long_n: must be a number, was 'x'", "nope: not a parameter of this strategy"]);
  });
});

describe("lifecycle", () => {
  it("moves one stage at a time to prod", () => {
    expect(nextStage("paper")).toBe("shadow");
    expect(nextStage("canary")).toBe("prod");
    expect(nextStage("prod")).toBeNull();
    expect(nextStage("retired")).toBeNull();
  });
  it("matches four-eyes payloads to a strategy", () => {
    expect(payloadNames('{"name":"baseline_rev","parameters":{}}', "baseline_rev")).toBe(true);
    expect(payloadNames('{"strategy":"other"}', "baseline_rev")).toBe(false);
    expect(payloadNames("not json", "baseline_rev")).toBe(false);
  });
});
