// Pure helpers of the Optimizer lab: the search space, best parameters with intervals, progress,
// and the comparison of two runs.

export interface SpaceRow {
  name: string;
  lo: string;
  hi: string;
  step: string;
}

/**
 * The run's {@code space} ({@code name -> "lo:hi[:step]"}) from the rows the user filled; rows
 * with neither bound are left out (the declared default range is searched). Errors name the
 * field as the API does (bounds reversed, step <= 0, not a number); the API checks the declaration.
 */
export function buildSpace(rows: readonly SpaceRow[]): { space: Record<string, string>; errors: string[] } {
  const space: Record<string, string> = {};
  const errors: string[] = [];
  for (const r of rows) {
    const lo = r.lo.trim();
    const hi = r.hi.trim();
    const step = r.step.trim();
    if (!lo && !hi && !step) continue;
    if (!lo || !hi) {
      errors.push(`${r.name}: both bounds are needed`);
      continue;
    }
    const [a, b, s] = [Number(lo), Number(hi), step ? Number(step) : null];
    if (!Number.isFinite(a) || !Number.isFinite(b)) errors.push(`${r.name}: bounds must be numbers`);
    else if (a > b) errors.push(`${r.name}: bounds reversed`);
    else if (s !== null && !(Number.isFinite(s) && s > 0)) errors.push(`${r.name}.step: must be > 0`);
    else space[r.name] = step ? `${lo}:${hi}:${step}` : `${lo}:${hi}`;
  }
  return { space, errors };
}

/** The numeric parameters of a strategy's configuration: the ones a range can be searched on. */
export function numericParams(parameters: Record<string, unknown> | null | undefined): { name: string; value: number }[] {
  return Object.entries(parameters ?? {})
    .filter((e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1]))
    .map(([name, value]) => ({ name, value }))
    .sort((x, y) => x.name.localeCompare(y.name));
}

export interface BestParam {
  name: string;
  value: unknown;
  ciLow: number | null;
  ciHigh: number | null;
}

/** {@code best_params} (name -> {value, ci_low, ci_high}, or a bare value) as sorted rows. */
export function bestParamRows(best: Record<string, unknown> | null | undefined): BestParam[] {
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  return Object.entries(best ?? {})
    .map(([name, raw]) => {
      if (raw !== null && typeof raw === "object" && !Array.isArray(raw) && "value" in raw) {
        const o = raw as { value: unknown; ci_low?: unknown; ci_high?: unknown };
        return { name, value: o.value, ciLow: num(o.ci_low), ciHigh: num(o.ci_high) };
      }
      return { name, value: raw, ciLow: null, ciHigh: null };
    })
    .sort((x, y) => x.name.localeCompare(y.name));
}

/** The plain values of {@code best_params}: what a candidate version is created from. */
export function bestParamValues(best: Record<string, unknown> | null | undefined): Record<string, unknown> {
  return Object.fromEntries(bestParamRows(best).map((r) => [r.name, r.value]));
}

export const FINISHED = new Set(["done", "failed", "cancelled"]);

export interface RunLike {
  run_id: string;
  status: string;
  strategy_id: string;
  objective: string;
  algorithm: string;
  windows: string;
  trials: number;
  seed: number;
  result?: { total_return: number | null; cagr: number | null; sharpe: number | null; max_drawdown: number | null; best_params: Record<string, unknown> | null } | null;
}

export interface CompareRow {
  label: string;
  a: string;
  b: string;
  /** b - a for numeric rows, null otherwise. */
  diff: number | null;
  kind: "text" | "ratio" | "number" | "param";
}

/** Two runs side by side: settings, out-of-sample metrics and best parameters (union of names). */
export function compareRuns(a: RunLike, b: RunLike): CompareRow[] {
  const text = (label: string, f: (r: RunLike) => unknown): CompareRow => ({ label, a: String(f(a) ?? "—"), b: String(f(b) ?? "—"), diff: null, kind: "text" });
  const metric = (label: string, key: "total_return" | "cagr" | "sharpe" | "max_drawdown", kind: "ratio" | "number"): CompareRow => {
    const va = a.result?.[key] ?? null;
    const vb = b.result?.[key] ?? null;
    return { label, a: va === null ? "" : String(va), b: vb === null ? "" : String(vb), diff: va !== null && vb !== null ? vb - va : null, kind };
  };
  const rows: CompareRow[] = [
    text("Strategy", (r) => r.strategy_id),
    text("Status", (r) => r.status),
    text("Objective", (r) => r.objective),
    text("Algorithm", (r) => r.algorithm),
    text("Windows", (r) => r.windows),
    text("Trials per fold", (r) => r.trials),
    text("Seed", (r) => r.seed),
    metric("OOS total return", "total_return", "ratio"),
    metric("OOS CAGR", "cagr", "ratio"),
    metric("OOS Sharpe", "sharpe", "number"),
    metric("OOS max drawdown", "max_drawdown", "ratio"),
  ];
  const pa = bestParamValues(a.result?.best_params);
  const pb = bestParamValues(b.result?.best_params);
  for (const name of [...new Set([...Object.keys(pa), ...Object.keys(pb)])].sort()) {
    const va = pa[name];
    const vb = pb[name];
    rows.push({
      label: name,
      a: va === undefined ? "—" : JSON.stringify(va),
      b: vb === undefined ? "—" : JSON.stringify(vb),
      diff: typeof va === "number" && typeof vb === "number" ? vb - va : null,
      kind: "param",
    });
  }
  return rows;
}
