import { useEffect, useState } from "react";
import { api, unwrap, type Schemas } from "@/api/client";
import { ErrorText, Section, Stat } from "@/components/common";
import { ActionOutcome } from "@/components/ReasonDialog";
import { Badge, statusVariant } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { hasRole, useAuth } from "@/lib/auth";
import { formatDuration, formatNumber, formatPercent, formatTime } from "@/lib/format";
import { useAction } from "@/lib/hooks";
import { FINISHED, bestParamRows, bestParamValues } from "@/lib/optimizer";
import { RunReport } from "./RunReport";

type Run = Schemas["OptimizerRunView"];

/** Polled every 5 s while it is not finished (the job API asks for no faster polling). */
export const RUN_POLL_MS = 5000;

export function useRun(id: string | null, onChange?: (r: Run) => void) {
  const [run, setRun] = useState<Run>();
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!id) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    setRun(undefined);
    setError(undefined);
    const poll = async () => {
      try {
        const r = await unwrap<Run>(api.GET("/api/v1/optimizer/runs/{run_id}", { params: { path: { run_id: id } } }));
        if (!live) return;
        setRun(r);
        onChange?.(r);
        if (!FINISHED.has(r.status)) timer = setTimeout(poll, RUN_POLL_MS);
      } catch (e) {
        if (live) setError(e);
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, tick]);
  return { run, error, reload: () => setTick((t) => t + 1) };
}

export function RunView({ id, onChange }: { id: string; onChange?: () => void }) {
  const { user } = useAuth();
  const { run, error, reload } = useRun(id, onChange);
  const action = useAction(reload);
  if (error) return <ErrorText error={error} />;
  if (!run) return <p className="text-sm text-muted-foreground">Loading {id}…</p>;
  const p = run.progress;
  const r = run.result;
  const mayCancel = !FINISHED.has(run.status) && (hasRole(user, "admin") || (hasRole(user, "trader") && run.owner === user?.username));
  const cancel = () =>
    action.run(async () => {
      const c = await unwrap<Run>(api.POST("/api/v1/optimizer/runs/{run_id}/cancel", { params: { path: { run_id: id } } }));
      return `Cancel requested: ${c.status}${c.status === "running" ? " (stops at its next trial)" : ""}.`;
    });
  const candidate = () =>
    action.run(async () => {
      const stats = Object.fromEntries(Object.entries({ sharpe: r?.sharpe, cagr: r?.cagr, total_return: r?.total_return, max_drawdown: r?.max_drawdown }).filter((e): e is [string, number] => typeof e[1] === "number"));
      const lc = await unwrap<Schemas["LifecycleData"]>(
        api.POST("/api/v1/strategies/{id}/versions", {
          params: { path: { id: run.strategy_id } },
          body: { parameters: bestParamValues(r?.best_params), reason: `walk-forward run ${run.run_id}`, optimiser_run_id: run.run_id, optimiser_stats: stats },
        }),
      );
      return `Candidate ${lc.candidate?.version_id ?? "?"} of ${run.strategy_id} created in stage ${lc.candidate?.stage ?? "?"}.`;
    });
  return (
    <Section
      title={`Run ${run.run_id}`}
      description={`${run.strategy_id} · ${run.algorithm} · objective ${run.objective} · windows ${run.windows} · ${run.trials} trials per fold · seed ${run.seed} · by ${run.owner} · submitted ${formatTime(run.submitted_at)}`}
      actions={
        <div className="flex items-center gap-2">
          {mayCancel && (
            <Button size="sm" variant="outline" onClick={cancel}>
              Cancel run
            </Button>
          )}
          <Badge variant={statusVariant(run.status === "done" ? "completed" : run.status)} data-testid="opt-status">
            {run.status}
          </Badge>
        </div>
      }
    >
      <ActionOutcome notice={action.notice} testId="opt-notice" />
      <ErrorText error={action.error} />
      {!FINISHED.has(run.status) && (
        <div className="mb-3" data-testid="opt-progress">
          <progress className="h-2 w-full" value={p.fraction} max={1} aria-label="Progress of the run" />
          <p className="mt-1 text-sm" role="status">
            {formatPercent(p.fraction)} · trials {p.trials_done ?? "—"} of {p.trials_total ?? "—"} · best so far (this fold) {formatNumber(p.best_so_far, 4)} · ETA {formatDuration(p.eta_seconds)}
            <span className="text-muted-foreground"> (polled every {RUN_POLL_MS / 1000} s)</span>
          </p>
        </div>
      )}
      {run.error && <p className="text-sm text-negative">{run.error}</p>}
      {run.finished_at && <p className="mb-2 text-xs text-muted-foreground">Finished {formatTime(run.finished_at)}</p>}
      {r && (
        <>
          <h3 className="mb-2 text-sm font-semibold">Stitched out-of-sample</h3>
          <div className="mb-3 grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="opt-metrics">
            <Stat label="Total return" value={formatPercent(r.total_return)} raw={r.total_return} />
            <Stat label="CAGR" value={formatPercent(r.cagr)} raw={r.cagr} />
            <Stat label="Sharpe" value={formatNumber(r.sharpe, 4)} raw={r.sharpe} />
            <Stat label="Max drawdown" value={formatPercent(r.max_drawdown)} raw={r.max_drawdown} />
          </div>
          <h3 className="mb-2 text-sm font-semibold">Best parameters (last fold) with 95 % bootstrap intervals</h3>
          <Table data-testid="opt-best">
            <THead>
              <Tr>
                <Th>Parameter</Th>
                <Th className="text-right">Value</Th>
                <Th className="text-right">Interval</Th>
              </Tr>
            </THead>
            <TBody>
              {bestParamRows(r.best_params).map((b) => (
                <Tr key={b.name}>
                  <Td className="font-mono text-xs">{b.name}</Td>
                  <Td className="num text-right">{typeof b.value === "number" ? formatNumber(b.value, 6) : JSON.stringify(b.value)}</Td>
                  <Td className="num text-right">{b.ciLow === null || b.ciHigh === null ? "—" : `${formatNumber(b.ciLow, 6)} … ${formatNumber(b.ciHigh, 6)}`}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          {hasRole(user, "trader") && bestParamRows(r.best_params).length > 0 && (
            <div className="mt-2 flex justify-end">
              <Button size="sm" variant="outline" onClick={candidate}>
                Create a candidate version from these
              </Button>
            </div>
          )}
          <RunReport runId={run.run_id} />
        </>
      )}
    </Section>
  );
}
