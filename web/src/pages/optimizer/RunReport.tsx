import { useMemo, useState } from "react";
import { api, unwrap, type Schemas } from "@/api/client";
import { Empty, ErrorText } from "@/components/common";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatNumber, formatPercent, formatTime } from "@/lib/format";
import { useApi } from "@/lib/hooks";
import { curvePath, heatGrid, heatLevel, paramColumns, parseCsv, topTrials, trialRows, type TrialRow } from "@/lib/optimizer-report";

type File = Schemas["OptimizerFileView"];
type Stats = Partial<Record<"psr" | "dsr" | "pbo" | "best_sharpe_annual" | "expected_max_sharpe" | "min_track_record_days", number | null>>;
interface Fold {
  fold: number;
  train_start: string;
  forward_end: string;
  trials: number;
  accepted: number;
  chosen: Record<string, unknown> | null;
  efficiency: number | null;
  in_sample?: { sharpe?: number | null };
  out_of_sample?: { sharpe?: number | null; cagr?: number | null };
  best_so_far: (number | null)[];
  pareto_front: unknown[];
  overfitting: Stats;
}
interface Result {
  objective: string;
  folds: Fold[];
  walk_forward_efficiency: number | null;
  sensitivity: { delta: number; base: number | null; parameters: { name: string; value: unknown; minus: number | null; plus: number | null }[] } | null;
  assumptions: string[];
}

function file(runId: string, name: "result.json" | "trials.csv" | "report.html"): Promise<File> {
  return unwrap<File>(api.GET("/api/v1/optimizer/runs/{run_id}/files/{name}", { params: { path: { run_id: runId, name } } }));
}

/** The run's stored report as tables and charts: folds with DSR/PBO, curves, heat map, trials, Pareto fronts. */
export function RunReport({ runId }: { runId: string }) {
  const { data, error } = useApi(async () => {
    const [json, csv] = await Promise.all([file(runId, "result.json"), file(runId, "trials.csv")]);
    const result = JSON.parse(json.content) as Result;
    const table = parseCsv(csv.content);
    const params = paramColumns(table.header, result.objective.split(",").length);
    return { result, params, trials: trialRows(table, params) };
  }, [runId]);
  const openHtml = async () => {
    const f = await file(runId, "report.html");
    window.open(URL.createObjectURL(new Blob([f.content], { type: "text/html" })), "_blank", "noopener");
  };
  if (error) return <ErrorText error={error} />;
  if (!data) return <p className="text-sm text-muted-foreground">Loading the report…</p>;
  const { result } = data;
  return (
    <div className="mt-3 flex flex-col gap-4" data-testid="opt-report">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold">Folds (walk-forward efficiency {formatNumber(result.walk_forward_efficiency, 3)})</h3>
        <Button size="sm" variant="outline" onClick={() => void openHtml()}>
          Open the HTML report
        </Button>
      </div>
      <Table data-testid="opt-folds">
        <THead>
          <Tr>
            <Th>Fold</Th>
            <Th>Train from</Th>
            <Th>Forward to</Th>
            <Th>Chosen</Th>
            <Th className="text-right">Trials (ok)</Th>
            <Th className="text-right">IS Sharpe</Th>
            <Th className="text-right">OOS Sharpe</Th>
            <Th className="text-right">Efficiency</Th>
            <Th className="text-right">PSR</Th>
            <Th className="text-right">DSR</Th>
            <Th className="text-right">PBO</Th>
            <Th>Best so far</Th>
          </Tr>
        </THead>
        <TBody>
          {result.folds.map((f) => (
            <Tr key={f.fold}>
              <Td className="num">{f.fold}</Td>
              <Td className="num text-xs">{formatTime(f.train_start)}</Td>
              <Td className="num text-xs">{formatTime(f.forward_end)}</Td>
              <Td className="font-mono text-xs">{f.chosen ? Object.entries(f.chosen).map(([k, v]) => `${k}=${String(v)}`).join(" ") : "—"}</Td>
              <Td className="num text-right">
                {f.trials} ({f.accepted})
              </Td>
              <Td className="num text-right">{formatNumber(f.in_sample?.sharpe, 3)}</Td>
              <Td className="num text-right">{formatNumber(f.out_of_sample?.sharpe, 3)}</Td>
              <Td className="num text-right">{formatNumber(f.efficiency, 3)}</Td>
              <Td className="num text-right">{formatNumber(f.overfitting.psr, 3)}</Td>
              <Td className="num text-right">{formatNumber(f.overfitting.dsr, 3)}</Td>
              <Td className="num text-right">{formatNumber(f.overfitting.pbo, 3)}</Td>
              <Td>
                <svg width="120" height="24" role="img" aria-label={`Best objective so far over ${f.best_so_far.length} trials of fold ${f.fold}`}>
                  <path d={curvePath(f.best_so_far, 120, 22)} fill="none" stroke="currentColor" strokeWidth="1.5" transform="translate(0,1)" />
                </svg>
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {data.params.length >= 2 && <Heat trials={data.trials} params={data.params} objective={result.objective} />}
      <TopTrials trials={data.trials} params={data.params} objective={result.objective} />
      {result.sensitivity && (
        <div>
          <h3 className="mb-1 text-sm font-semibold">Parameter jitter (±{formatPercent(result.sensitivity.delta)} around the best point of fold {String((result.sensitivity as { fold?: number }).fold ?? "")}; flat is good)</h3>
          <Table>
            <THead>
              <Tr>
                <Th>Parameter</Th>
                <Th className="text-right">Value</Th>
                <Th className="text-right">Objective at −δ</Th>
                <Th className="text-right">At best</Th>
                <Th className="text-right">At +δ</Th>
              </Tr>
            </THead>
            <TBody>
              {result.sensitivity.parameters.map((p) => (
                <Tr key={p.name}>
                  <Td className="font-mono text-xs">{p.name}</Td>
                  <Td className="num text-right">{String(p.value)}</Td>
                  <Td className="num text-right">{formatNumber(p.minus, 4)}</Td>
                  <Td className="num text-right">{formatNumber(result.sensitivity?.base, 4)}</Td>
                  <Td className="num text-right">{formatNumber(p.plus, 4)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      )}
      <div>
        <h3 className="mb-1 text-sm font-semibold">Pareto fronts</h3>
        {result.folds.every((f) => f.pareto_front.length === 0) ? (
          <Empty>Single-objective run: no Pareto front.</Empty>
        ) : (
          <ul className="font-mono text-xs">
            {result.folds.map((f) => (
              <li key={f.fold}>
                fold {f.fold}: {f.pareto_front.map((p) => JSON.stringify(p)).join("  ")}
              </li>
            ))}
          </ul>
        )}
      </div>
      {result.assumptions.length > 0 && (
        <ul className="list-disc pl-5 text-xs text-muted-foreground">
          {result.assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Heat({ trials, params, objective }: { trials: TrialRow[]; params: string[]; objective: string }) {
  const [x, setX] = useState(params[0]);
  const [y, setY] = useState(params[1]);
  const g = useMemo(() => heatGrid(trials, x, y), [trials, x, y]);
  return (
    <div>
      <h3 className="mb-1 text-sm font-semibold">Sensitivity heat map: mean {objective} of the accepted trials per pair of values</h3>
      <div className="mb-2 flex gap-3 text-xs">
        {[
          ["Across", x, setX],
          ["Down", y, setY],
        ].map(([label, value, set]) => (
          <span key={label as string}>
            <Label htmlFor={`heat-${label}`}>{label as string}</Label>{" "}
            <Select id={`heat-${label}`} value={value as string} onChange={(e) => (set as (v: string) => void)(e.target.value)}>
              {params.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </Select>
          </span>
        ))}
      </div>
      {g.xs.length === 0 ? (
        <Empty>No accepted trials.</Empty>
      ) : (
        <div className="overflow-x-auto" data-testid="opt-heat">
          <table className="text-xs">
            <thead>
              <tr>
                <th className="px-1 text-right">
                  {y} \ {x}
                </th>
                {g.xs.map((v) => (
                  <th key={v} className="num px-1">
                    {formatNumber(v, 4)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {g.ys.map((yv, yi) => (
                <tr key={yv}>
                  <th className="num px-1 text-right">{formatNumber(yv, 4)}</th>
                  {g.cells[yi].map((c, xi) => (
                    <td key={xi} className="num px-1 text-center" title={c === null ? "no trial" : formatNumber(c, 4)} style={c === null ? undefined : { background: `hsl(${Math.round(heatLevel(c, g) * 120)} 60% 35%)`, color: "white" }}>
                      {c === null ? "" : formatNumber(c, 2)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function TopTrials({ trials, params, objective }: { trials: TrialRow[]; params: string[]; objective: string }) {
  const top = topTrials(trials, 20);
  const rejected = trials.filter((t) => t.rejection).length;
  return (
    <div>
      <h3 className="mb-1 text-sm font-semibold">
        Trials: the best 20 of {trials.length} by {objective} ({rejected} rejected by a constraint)
      </h3>
      <Table data-testid="opt-trials">
        <THead>
          <Tr>
            <Th>Fold</Th>
            <Th>Trial</Th>
            {params.map((p) => (
              <Th key={p} className="text-right">
                {p}
              </Th>
            ))}
            <Th className="text-right">{objective}</Th>
            <Th className="text-right">Sharpe</Th>
            <Th className="text-right">Trades</Th>
          </Tr>
        </THead>
        <TBody>
          {top.map((t) => (
            <Tr key={`${t.fold}-${t.trial}`}>
              <Td className="num">{t.fold}</Td>
              <Td className="num">{t.trial}</Td>
              {params.map((p) => (
                <Td key={p} className="num text-right">
                  {formatNumber(t.params[p], 4)}
                </Td>
              ))}
              <Td className="num text-right">{formatNumber(t.score, 4)}</Td>
              <Td className="num text-right">{formatNumber(t.sharpe, 3)}</Td>
              <Td className="num text-right">{formatNumber(t.trades, 0)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
