// Converts API series into what lightweight-charts draws: ascending, de-duplicated UTC seconds.

export interface ChartPoint {
  time: number; // UTC seconds
  value: number;
}

function toSeconds(stamp: string): number | null {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(stamp) ? `${stamp}T00:00:00Z` : stamp;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : Math.floor(t / 1000);
}

/**
 * A series from rows with a time field and a value field: rows with an unreadable time or a
 * non-finite value are dropped, the rest sorted by time; for a repeated time the last row wins
 * (the chart library rejects duplicates and unsorted data).
 */
export function toSeries<T>(
  rows: readonly T[] | null | undefined,
  time: (row: T) => string,
  value: (row: T) => number | null | undefined,
): ChartPoint[] {
  const byTime = new Map<number, number>();
  for (const row of rows ?? []) {
    const t = toSeconds(time(row));
    const v = value(row);
    if (t === null || typeof v !== "number" || !Number.isFinite(v)) continue;
    byTime.set(t, v);
  }
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ time: t, value: v }));
}

/** The drawdown of an equity series: value / running peak - 1 (0 at a new peak, negative below). */
export function drawdownSeries(equity: readonly ChartPoint[]): ChartPoint[] {
  let peak = -Infinity;
  return equity.map((p) => {
    peak = Math.max(peak, p.value);
    return { time: p.time, value: peak > 0 ? p.value / peak - 1 : 0 };
  });
}

/** The largest drawdown of a series (a negative ratio, 0 when it never falls below a peak). */
export function maxDrawdown(equity: readonly ChartPoint[]): number {
  return drawdownSeries(equity).reduce((m, p) => Math.min(m, p.value), 0);
}

/** The risk light of the overview from the risk status: red, yellow or green. */
export function riskLight(status: {
  overall_status?: string;
  trading_enabled?: boolean;
  emergency_stop?: boolean;
  rules?: readonly { status?: string }[];
}): "red" | "yellow" | "green" {
  const rules = status.rules ?? [];
  if (status.emergency_stop || status.trading_enabled === false) return "red";
  if (status.overall_status === "halted") return "red";
  if (rules.some((r) => r.status === "violated")) return "red";
  if (status.overall_status && status.overall_status !== "normal") return "yellow";
  if (rules.some((r) => r.status && r.status !== "ok")) return "yellow";
  return "green";
}

/** One named line of a multi-line chart. */
export interface NamedSeries {
  name: string;
  data: ChartPoint[];
}

/**
 * The capital weight of each strategy over the allocation steps (any order, e.g. newest first):
 * one ascending series per strategy, in order of first appearance; steps without a time are
 * dropped. A strategy missing from a later step has weight 0 there (its sleeve was emptied).
 */
export function weightSeries(
  steps: readonly { updated_at?: string | null; weights: readonly { strategy: string; weight: number }[] }[],
): NamedSeries[] {
  const asc = steps
    .filter((s): s is typeof s & { updated_at: string } => !!s.updated_at && !Number.isNaN(Date.parse(s.updated_at)))
    .sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at));
  const first = new Map<string, number>(); // strategy -> index of its first step
  asc.forEach((s, i) => s.weights.forEach((w) => first.has(w.strategy) || first.set(w.strategy, i)));
  return [...first].map(([name, from]) => ({
    name,
    data: toSeries(
      asc.slice(from),
      (s) => s.updated_at,
      (s) => s.weights.find((w) => w.strategy === name)?.weight ?? 0,
    ),
  }));
}
