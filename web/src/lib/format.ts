// Number and time formatting with the spec's precision (seed 000: prices 8 decimals,
// weights/ratios 6 decimals, amounts 2 decimals) and units. Missing values render as "—".

export const MISSING = "—";

type Num = number | null | undefined;

function ok(v: Num): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function fixed(v: number, min: number, max: number): string {
  return v.toLocaleString("en-US", { minimumFractionDigits: min, maximumFractionDigits: max });
}

/** An amount of money: 2 decimals, thousands separated, with its currency ("10,164.45 USDT"). */
export function formatMoney(v: Num, currency = "USDT"): string {
  if (!ok(v)) return MISSING;
  const text = fixed(v, 2, 2);
  return currency ? `${text === "-0.00" ? "0.00" : text} ${currency}` : text === "-0.00" ? "0.00" : text;
}

/** A signed amount (PnL): "+154.22 USDT" / "-3.08 USDT". */
export function formatSignedMoney(v: Num, currency = "USDT"): string {
  if (!ok(v)) return MISSING;
  const base = formatMoney(Math.abs(v), currency);
  if (Math.round(v * 100) === 0) return base;
  return (v > 0 ? "+" : "-") + base;
}

/** A price: up to 8 decimals, trailing zeros dropped (at least 2 kept). */
export function formatPrice(v: Num): string {
  if (!ok(v)) return MISSING;
  return fixed(v, 2, 8);
}

/** A weight or ratio as a plain number with 6 decimals ("0.016667"). */
export function formatRatio(v: Num): string {
  if (!ok(v)) return MISSING;
  return fixed(v, 6, 6);
}

/**
 * A ratio shown as a percentage keeping the ratio's 6-decimal precision: 0.016439 -> "1.6439 %".
 */
export function formatPercent(v: Num, signed = false): string {
  if (!ok(v)) return MISSING;
  const text = fixed(v * 100, 2, 4);
  return `${signed && v > 0 ? "+" : ""}${text} %`;
}

/** A quantity (contracts): up to 8 decimals. */
export function formatQuantity(v: Num): string {
  if (!ok(v)) return MISSING;
  return fixed(v, 0, 8);
}

/** A plain count or score. */
export function formatNumber(v: Num, decimals = 2): string {
  if (!ok(v)) return MISSING;
  return fixed(v, 0, decimals);
}

/** An ISO instant as "2026-03-02 23:59:00 UTC"; dates ("2026-03-02") are kept as they are. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, " UTC");
}

/** A duration in seconds as "1 h 02 min", "3 min 05 s", "12 s". */
export function formatDuration(seconds: Num): string {
  if (!ok(seconds) || seconds < 0) return MISSING;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  if (m > 0) return `${m} min ${String(r).padStart(2, "0")} s`;
  return `${r} s`;
}

/** The text colour class of a signed value. */
export function signClass(v: Num): string {
  if (!ok(v) || v === 0) return "";
  return v > 0 ? "text-positive" : "text-negative";
}
