import { describe, expect, it } from "vitest";
import {
  MISSING,
  formatDuration,
  formatMoney,
  formatPercent,
  formatPrice,
  formatQuantity,
  formatRatio,
  formatSignedMoney,
  formatTime,
} from "./format";

describe("format", () => {
  it("money has 2 decimals, separators and the currency", () => {
    expect(formatMoney(10164.449)).toBe("10,164.45 USDT");
    expect(formatMoney(0.005)).toBe("0.01 USDT");
    expect(formatMoney(-0.001)).toBe("0.00 USDT");
    expect(formatMoney(12, "")).toBe("12.00");
  });
  it("signed money shows the sign, none for zero", () => {
    expect(formatSignedMoney(154.22)).toBe("+154.22 USDT");
    expect(formatSignedMoney(-3.08)).toBe("-3.08 USDT");
    expect(formatSignedMoney(0.001)).toBe("0.00 USDT");
  });
  it("prices keep up to 8 decimals", () => {
    expect(formatPrice(0.00590918)).toBe("0.00590918");
    expect(formatPrice(0.000000123456)).toBe("0.00000012");
    expect(formatPrice(9666.7)).toBe("9,666.70");
  });
  it("ratios have 6 decimals, percentages keep that precision", () => {
    expect(formatRatio(0.0166666666)).toBe("0.016667");
    expect(formatPercent(0.016439)).toBe("1.6439 %");
    expect(formatPercent(-0.157)).toBe("-15.70 %");
    expect(formatPercent(0.2, true)).toBe("+20.00 %");
  });
  it("quantities drop trailing zeros", () => {
    expect(formatQuantity(4554)).toBe("4,554");
    expect(formatQuantity(0.001)).toBe("0.001");
  });
  it("times are UTC, dates stay dates", () => {
    expect(formatTime("2026-03-02T23:59:00Z")).toBe("2026-03-02 23:59:00 UTC");
    expect(formatTime("2026-03-02T23:59:00.123+01:00")).toBe("2026-03-02 22:59:00 UTC");
    expect(formatTime("2026-03-02")).toBe("2026-03-02");
    expect(formatTime(null)).toBe(MISSING);
  });
  it("durations", () => {
    expect(formatDuration(12)).toBe("12 s");
    expect(formatDuration(185)).toBe("3 min 05 s");
    expect(formatDuration(3720)).toBe("1 h 02 min");
  });
  it("missing values render as a dash", () => {
    for (const f of [formatMoney, formatPrice, formatRatio, formatPercent, formatQuantity]) {
      expect(f(null)).toBe(MISSING);
      expect(f(Number.NaN)).toBe(MISSING);
      expect(f(undefined)).toBe(MISSING);
    }
  });
});
