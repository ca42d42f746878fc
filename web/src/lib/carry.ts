// Pure helpers of the funding carry section (issue 18 item 5; docs/funding-carry.md).

export type CarryState = "idle" | "opening" | "holding" | "closing" | "halted";
export type CarryAction = "start" | "close" | "confirm" | "mode_real" | "mode_dry_run" | "reset";

export interface CarryLike {
  state: CarryState;
  mode: "dry_run" | "real";
  pending: "" | "start" | "close" | "mode_real" | "reset_approval";
  spot_position: string;
  perp_position: string;
}

/** True when both legs are zero (decimal strings as the API sends them). */
export function isFlat(c: Pick<CarryLike, "spot_position" | "perp_position">): boolean {
  return Number(c.spot_position) === 0 && Number(c.perp_position) === 0;
}

/**
 * The actions the API would accept now, in the order the page shows them (the API stays the
 * judge: this only hides buttons that would be refused with 409). A trader starts, closes,
 * confirms and switches mode; only an admin resets a halted carry.
 */
export function carryActions(c: CarryLike, trader: boolean, admin: boolean): CarryAction[] {
  const out: CarryAction[] = [];
  if (!trader || c.pending === "reset_approval") return out;
  if (c.pending) out.push("confirm");
  if (c.state === "idle" && !c.pending) {
    out.push("start");
    if (c.mode === "dry_run" && isFlat(c)) out.push("mode_real");
  }
  if (c.state === "holding" && !c.pending) out.push("close");
  if (c.mode === "real" && c.state === "idle" && !c.pending) out.push("mode_dry_run");
  if (c.state === "halted" && admin) out.push("reset");
  return out;
}

/** What a pending confirmation will do, in words. */
export function pendingText(pending: CarryLike["pending"]): string {
  switch (pending) {
    case "start":
      return "open both legs (spot buy, perp sell)";
    case "close":
      return "close both legs";
    case "mode_real":
      return "switch to real mode (orders reach the venues)";
    case "reset_approval":
      return "reset (waiting for a second admin's approval)";
    default:
      return "";
  }
}

/** A quantity typed for a start: a positive decimal with at most {@code scale} decimals. */
export function checkQuantity(text: string, scale = 8): string | null {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return "quantity: a positive decimal, e.g. 0.100";
  if (Number(t) <= 0) return "quantity: must be above 0";
  const decimals = t.includes(".") ? t.split(".")[1].length : 0;
  if (decimals > scale) return `quantity: at most ${scale} decimals`;
  return null;
}

/** The hedge deviation against its hard limit: ok, near (≥ 80 % of it) or over. */
export function deviationLevel(deviation: number, limit: number): "ok" | "near" | "over" {
  if (!(limit > 0) || !Number.isFinite(deviation)) return "ok";
  if (deviation > limit) return "over";
  return deviation >= 0.8 * limit ? "near" : "ok";
}

/** The sum of a ledger's fees by mode (decimal strings), for the dry-run vs real comparison. */
export function feesByMode(rows: readonly { mode: string; fee: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.mode] = (out[r.mode] ?? 0) + Number(r.fee);
  return out;
}
