import { describe, expect, it } from "vitest";
import { drawdownSeries, maxDrawdown, riskLight, toSeries, weightSeries } from "./chart-data";

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

describe("weightSeries", () => {
  it("one ascending line per strategy; 0 once it leaves, nothing before it joins; untimed steps dropped", () => {
    const steps = [
      { updated_at: "2026-03-03T00:00:00Z", weights: [{ strategy: "a", weight: 0.6 }, { strategy: "b", weight: 0.4 }] },
      { updated_at: null, weights: [{ strategy: "a", weight: 9 }] },
      { updated_at: "2026-03-01T00:00:00Z", weights: [{ strategy: "a", weight: 1 }] },
      { updated_at: "2026-03-02T00:00:00Z", weights: [{ strategy: "b", weight: 0.5 }] },
    ];
    const t = (d: number) => Date.UTC(2026, 2, d) / 1000;
    expect(weightSeries(steps)).toEqual([
      { name: "a", data: [{ time: t(1), value: 1 }, { time: t(2), value: 0 }, { time: t(3), value: 0.6 }] },
      { name: "b", data: [{ time: t(2), value: 0.5 }, { time: t(3), value: 0.4 }] },
    ]);
  });
  it("is empty without steps", () => {
    expect(weightSeries([])).toEqual([]);
  });
});
