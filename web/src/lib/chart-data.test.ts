import { describe, expect, it } from "vitest";
import { drawdownSeries, maxDrawdown, riskLight, toSeries } from "./chart-data";

const nav = [
  { date: "2024-01-03", nav: 9000 },
  { date: "2024-01-01", nav: 10000 },
  { date: "2024-01-02", nav: 11000 },
  { date: "2024-01-02", nav: 12000 },
  { date: "not a date", nav: 1 },
  { date: "2024-01-04", nav: Number.NaN },
];

describe("toSeries", () => {
  it("sorts by time, drops bad rows, keeps the last of a repeated time", () => {
    const s = toSeries(nav, (r) => r.date, (r) => r.nav);
    expect(s).toEqual([
      { time: Date.UTC(2024, 0, 1) / 1000, value: 10000 },
      { time: Date.UTC(2024, 0, 2) / 1000, value: 12000 },
      { time: Date.UTC(2024, 0, 3) / 1000, value: 9000 },
    ]);
  });
  it("reads instants", () => {
    const s = toSeries([{ t: "2026-04-08T12:30:00Z", v: 1 }], (r) => r.t, (r) => r.v);
    expect(s[0].time).toBe(Date.UTC(2026, 3, 8, 12, 30) / 1000);
  });
  it("is empty for no rows", () => {
    expect(toSeries(null, () => "", () => 0)).toEqual([]);
  });
});

describe("drawdown", () => {
  const eq = [100, 120, 90, 130, 117].map((value, i) => ({ time: i, value }));
  it("is relative to the running peak", () => {
    expect(drawdownSeries(eq).map((p) => +p.value.toFixed(6))).toEqual([0, 0, -0.25, 0, -0.1]);
  });
  it("max drawdown is the deepest point", () => {
    expect(maxDrawdown(eq)).toBeCloseTo(-0.25, 12);
    expect(maxDrawdown([])).toBe(0);
  });
});

describe("riskLight", () => {
  const ok = { status: "ok" };
  it("green when normal and every rule ok", () => {
    expect(riskLight({ overall_status: "normal", trading_enabled: true, rules: [ok] })).toBe("green");
  });
  it("yellow on a warning", () => {
    expect(riskLight({ overall_status: "normal", trading_enabled: true, rules: [ok, { status: "warning" }] })).toBe(
      "yellow",
    );
    expect(riskLight({ overall_status: "warning", trading_enabled: true, rules: [] })).toBe("yellow");
  });
  it("red when halted, stopped or a rule is violated", () => {
    expect(riskLight({ overall_status: "normal", trading_enabled: false, rules: [] })).toBe("red");
    expect(riskLight({ overall_status: "normal", trading_enabled: true, emergency_stop: true })).toBe("red");
    expect(riskLight({ overall_status: "normal", trading_enabled: true, rules: [{ status: "violated" }] })).toBe("red");
  });
});
