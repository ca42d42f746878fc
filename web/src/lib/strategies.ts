// Pure helpers of the Strategies page: the PnL & risk heat map, parameter edits, lifecycle stages.

/** A metric column of the heat map and which direction is good. */
export interface HeatMetric {
  key: string;
  label: string;
  /** "high": larger is better (return, Sharpe); "low": smaller magnitude is better (drawdown, turnover). */
  better: "high" | "low";
}

export interface HeatCell {
  value: number | null;
  /** -1 (worst) .. 1 (best) across the strategies of this metric; 0 when not comparable. */
  score: number;
}

function finite(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/**
 * The heat map: for each metric the strategies' values scaled to -1..1. "high" metrics are scaled
 * by the largest magnitude (so sign is kept: a loss is red, a gain green); "low" metrics by the
 * spread between the smallest and largest magnitude (smallest green, largest red). Missing values
 * score 0 (neutral), and a metric whose values are all equal scores 0 everywhere.
 */
export function heatMap(rows: readonly Record<string, number | null | undefined>[], metrics: readonly HeatMetric[]): HeatCell[][] {
  const columns = metrics.map((m) => {
    const values = rows.map((r) => (finite(r[m.key]) ? (r[m.key] as number) : null));
    const present = values.filter(finite);
    if (m.better === "high") {
      const scale = Math.max(0, ...present.map(Math.abs));
      return values.map((v) => ({ value: v, score: v === null || scale === 0 ? 0 : v / scale }));
    }
    const mags = present.map(Math.abs);
    const lo = Math.min(...mags);
    const hi = Math.max(...mags);
    return values.map((v) => ({ value: v, score: v === null || hi === lo ? 0 : 1 - (2 * (Math.abs(v) - lo)) / (hi - lo) }));
  });
  return rows.map((_, i) => columns.map((c) => c[i]));
}

/** The background of a heat-map cell: green for good, red for bad, more opaque the stronger. */
export function heatColor(score: number): string {
  const a = Math.min(1, Math.abs(score)) * 0.45;
  if (a === 0) return "transparent";
  return score > 0 ? `rgba(34,197,94,${a.toFixed(3)})` : `rgba(239,68,68,${a.toFixed(3)})`;
}

export type ParsedValue = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * A parameter value typed in the UI, read with the type of the value in force: numbers must be
 * finite numbers, booleans true/false, lists and objects JSON; anything else stays text.
 */
export function parseParamValue(name: string, text: string, current: unknown): ParsedValue {
  const t = text.trim();
  if (t === "") return { ok: false, error: `${name}: a value is required` };
  if (typeof current === "number") {
    const n = Number(t);
    return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: `${name}: must be a number, was '${t}'` };
  }
  if (typeof current === "boolean") {
    if (t === "true" || t === "false") return { ok: true, value: t === "true" };
    return { ok: false, error: `${name}: must be true or false, was '${t}'` };
  }
  if (current !== null && typeof current === "object") {
    try {
      const v = JSON.parse(t);
      if (Array.isArray(current) !== Array.isArray(v)) throw new Error();
      return { ok: true, value: v };
    } catch {
      return { ok: false, error: `${name}: must be JSON ${Array.isArray(current) ? "list" : "object"}, was '${t}'` };
    }
  }
  return { ok: true, value: t };
}

/** The text a parameter value is edited as. */
export function paramText(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/**
 * Only the parameters the user changed, typed, or the list of field-named errors. The API wants
 * only changed parameters (it validates them against the strategy's declaration).
 */
export function changedParams(current: Record<string, unknown>, edits: Record<string, string>): { changes: Record<string, unknown>; errors: string[] } {
  const changes: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const [name, text] of Object.entries(edits)) {
    if (!(name in current)) {
      errors.push(`${name}: not a parameter of this strategy`);
      continue;
    }
    const parsed = parseParamValue(name, text, current[name]);
    if (!parsed.ok) errors.push(parsed.error);
    else if (JSON.stringify(parsed.value) !== JSON.stringify(current[name])) changes[name] = parsed.value;
  }
  return { changes, errors };
}

export const STAGES = ["paper", "shadow", "canary", "prod"] as const;

/** The stage after {@code stage} on the way to prod, or null at prod. */
export function nextStage(stage: string): "shadow" | "canary" | "prod" | null {
  const i = STAGES.indexOf(stage as (typeof STAGES)[number]);
  if (i < 0 || i === STAGES.length - 1) return null;
  return STAGES[i + 1] as "shadow" | "canary" | "prod";
}

/** Whether a four-eyes request's JSON payload concerns the strategy {@code name}. */
export function payloadNames(payload: string, name: string): boolean {
  try {
    const p = JSON.parse(payload) as Record<string, unknown>;
    return [p.name, p.strategy, p.strategy_id, p.id].includes(name);
  } catch {
    return false;
  }
}
