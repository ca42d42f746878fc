import { describe, expect, it } from "vitest";
import { carryActions, checkQuantity, deviationLevel, feesByMode, isFlat, pendingText, type CarryLike } from "./carry";

const idle: CarryLike = { state: "idle", mode: "dry_run", pending: "", spot_position: "0.000", perp_position: "0.000" };

describe("carry helpers", () => {
  it("offers start and the switch to real on an idle, flat dry-run carry", () => {
    expect(carryActions(idle, true, false)).toEqual(["start", "mode_real"]);
  });
  it("offers nothing to a viewer", () => {
    expect(carryActions(idle, false, false)).toEqual([]);
  });
  it("offers only confirm while a confirmation is pending", () => {
    expect(carryActions({ ...idle, pending: "start" }, true, true)).toEqual(["confirm"]);
  });
  it("offers nothing while a reset waits for a second admin", () => {
    expect(carryActions({ ...idle, state: "halted", pending: "reset_approval" }, true, true)).toEqual([]);
    expect(pendingText("reset_approval")).toBe("reset (waiting for a second admin's approval)");
  });
  it("does not offer real mode while the legs are not flat", () => {
    expect(carryActions({ ...idle, spot_position: "0.001" }, true, false)).toEqual(["start"]);
  });
  it("offers close while holding, dry-run back from real when idle", () => {
    expect(carryActions({ ...idle, state: "holding", spot_position: "0.1", perp_position: "-0.1" }, true, false)).toEqual(["close"]);
    expect(carryActions({ ...idle, mode: "real" }, true, false)).toEqual(["start", "mode_dry_run"]);
  });
  it("lets only an admin reset a halted carry", () => {
    expect(carryActions({ ...idle, state: "halted" }, true, false)).toEqual([]);
    expect(carryActions({ ...idle, state: "halted" }, true, true)).toEqual(["reset"]);
  });
  it("reads flatness from decimal strings", () => {
    expect(isFlat({ spot_position: "0", perp_position: "-0.000" })).toBe(true);
    expect(isFlat({ spot_position: "0", perp_position: "-0.001" })).toBe(false);
  });
  it("says what a confirmation does", () => {
    expect(pendingText("close")).toBe("close both legs");
    expect(pendingText("")).toBe("");
  });
  it("checks a typed quantity like the API", () => {
    expect(checkQuantity("0.100", 3)).toBeNull();
    expect(checkQuantity("0.1001", 3)).toBe("quantity: at most 3 decimals");
    expect(checkQuantity("0", 3)).toBe("quantity: must be above 0");
    expect(checkQuantity("-1", 3)).toBe("quantity: a positive decimal, e.g. 0.100");
    expect(checkQuantity("1e3", 3)).toBe("quantity: a positive decimal, e.g. 0.100");
  });
  it("grades the hedge deviation against its limit", () => {
    expect(deviationLevel(0.005, 0.01)).toBe("ok");
    expect(deviationLevel(0.008, 0.01)).toBe("near");
    expect(deviationLevel(0.0101, 0.01)).toBe("over");
    expect(deviationLevel(0.5, 0)).toBe("ok");
  });
  it("sums fees per mode", () => {
    expect(feesByMode([{ mode: "real", fee: "0.50" }, { mode: "dry_run", fee: "0.25" }, { mode: "real", fee: "0.25" }])).toEqual({ real: 0.75, dry_run: 0.25 });
  });
});
