// Pure helpers that turn an optimisation run's stored report files (result.json, trials.csv;
// GET /api/v1/optimizer/runs/{id}/files/{name}) into the tables and charts of the run view.

/** A CSV text (RFC 4180 quoting) as a header and rows of strings. */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const records: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      records.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    records.push(row);
  }
  const [header = [], ...rows] = records.filter((r) => !(r.length === 1 && r[0] === ""));
  return { header, rows };
}

/** A cell as a number, or null when empty or not a finite number. */
export function num(cell: string | undefined): number | null {
  if (cell === undefined || cell.trim() === "") return null;
  const v = Number(cell);
  return Number.isFinite(v) ? v : null;
}

export interface TrialRow {
  fold: number;
  trial: number;
  params: Record<string, number | null>;
  score: number | null;
  sharpe: number | null;
  trades: number | null;
  rejection: string;
}

/** The trials of trials.csv: parameters are the columns between `trial` and the objective. */
export function trialRows(csv: { header: string[]; rows: string[][] }, paramNames: readonly string[]): TrialRow[] {
  const h = csv.header;
  const at = (name: string) => h.indexOf(name);
  const scoreAt = 2 + paramNames.length;
  return csv.rows.map((r) => ({
    fold: num(r[at("fold")]) ?? 0,
    trial: num(r[at("trial")]) ?? 0,
    params: Object.fromEntries(paramNames.map((p) => [p, num(r[at(p)])])),
    score: num(r[scoreAt]),
    sharpe: num(r[at("sharpe")]),
    trades: num(r[at("total_trades")]),
    rejection: r[at("rejection")] ?? "",
  }));
}

/** The best {@code n} accepted trials by score, best first (ties: earlier fold, then trial). */
export function topTrials(rows: readonly TrialRow[], n: number): TrialRow[] {
  return rows
    .filter((r) => r.score !== null && !r.rejection)
    .sort((a, b) => (b.score as number) - (a.score as number) || a.fold - b.fold || a.trial - b.trial)
    .slice(0, n);
}

export interface HeatGrid {
  xs: number[];
  ys: number[];
  /** cells[yi][xi]: mean score of the accepted trials at (xs[xi], ys[yi]), null when none. */
  cells: (number | null)[][];
  min: number;
  max: number;
}

/** Mean score over the accepted trials for each pair of values of two parameters. */
export function heatGrid(rows: readonly TrialRow[], x: string, y: string): HeatGrid {
  const ok = rows.filter((r) => r.score !== null && !r.rejection && r.params[x] !== null && r.params[y] !== null);
  const xs = [...new Set(ok.map((r) => r.params[x] as number))].sort((a, b) => a - b);
  const ys = [...new Set(ok.map((r) => r.params[y] as number))].sort((a, b) => a - b);
  const sum = ys.map(() => xs.map(() => 0));
  const count = ys.map(() => xs.map(() => 0));
  for (const r of ok) {
    const xi = xs.indexOf(r.params[x] as number);
    const yi = ys.indexOf(r.params[y] as number);
    sum[yi][xi] += r.score as number;
    count[yi][xi] += 1;
  }
  const cells = sum.map((row, yi) => row.map((s, xi) => (count[yi][xi] ? s / count[yi][xi] : null)));
  const values = cells.flat().filter((v): v is number => v !== null);
  return { xs, ys, cells, min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 0 };
}

/** A cell's position between the grid's min and max, 0..1 (0.5 when the grid is flat). */
export function heatLevel(v: number, g: Pick<HeatGrid, "min" | "max">): number {
  return g.max > g.min ? (v - g.min) / (g.max - g.min) : 0.5;
}

/** An SVG path of a best-so-far curve (trial index → value) in a w×h box; gaps skip nulls. */
export function curvePath(values: readonly (number | null)[], w: number, h: number): string {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return "";
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const span = hi > lo ? hi - lo : 1;
  const dx = values.length > 1 ? w / (values.length - 1) : 0;
  let path = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    const px = (i * dx).toFixed(1);
    const py = (h - ((v - lo) / span) * h).toFixed(1);
    path += `${pen ? "L" : "M"}${px},${py}`;
    pen = true;
  });
  return path;
}

/** trials.csv's parameter columns: after `fold,trial`, before the objectives and 8 fixed columns. */
export function paramColumns(header: readonly string[], objectives: number): string[] {
  return header.slice(2, Math.max(2, header.length - 8 - objectives));
}
