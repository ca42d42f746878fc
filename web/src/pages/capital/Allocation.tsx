import { useState } from "react";
import { api, unwrap, type Schemas } from "@/api/client";
import { Empty, ErrorText, Section } from "@/components/common";
import { LazyMultiLineChart } from "@/components/LazyChart";
import { ActionOutcome } from "@/components/ReasonDialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { hasRole, useAuth } from "@/lib/auth";
import { weightSeries } from "@/lib/chart-data";
import { formatNumber, formatRatio, formatTime } from "@/lib/format";
import { useAction, useApi } from "@/lib/hooks";

type View = Schemas["AllocationView"];

async function loadAllocation() {
  const [current, history] = await Promise.all([
    unwrap<View>(api.GET("/api/v1/allocation")),
    unwrap<Schemas["AllocationHistory"]>(api.GET("/api/v1/allocation/history", { params: { query: { limit: 200 } } })),
  ]);
  return { current, history: history.steps };
}

/** Capital weights per strategy, their history and one allocation step (bandit or target vol). */
export function Allocation() {
  const { user } = useAuth();
  const { data, error, reload } = useApi(loadAllocation, [], 10000);
  const action = useAction(reload);
  const [mode, setMode] = useState<"bandit" | "target_vol" | null>(null);
  const step = (m: "bandit" | "target_vol") =>
    action.run(async () => {
      const v = await unwrap<View>(api.POST("/api/v1/alloc/rebalance", { body: { mode: m } }));
      return `Step ${v.step_id} (${v.policy}): moved ${formatRatio(v.moved)} of the capital at an estimated cost of ${formatRatio(v.cost)}; cash ${formatRatio(v.cash)}.`;
    });
  if (!data) return error ? <ErrorText error={error} /> : null;
  const { current: c, history } = data;
  const series = weightSeries(history);
  return (
    <>
      <Section
        title="Capital weights per strategy"
        description={
          c.configured
            ? "No allocation step yet: the configured ensemble weights hold."
            : `Step ${c.step_id} at ${formatTime(c.updated_at)} · ${c.mode} (${c.policy}) by ${c.actor ?? "—"} via ${c.trigger ?? "—"} · cash ${formatRatio(c.cash)} · moved ${formatRatio(c.moved)} · cost ${formatRatio(c.cost)}`
        }
        actions={
          hasRole(user, "trader") && (
            <div className="flex gap-2">
              <Button size="sm" variant="outline" onClick={() => setMode("bandit")}>
                Bandit step…
              </Button>
              <Button size="sm" variant="outline" onClick={() => setMode("target_vol")}>
                Target-vol step…
              </Button>
            </div>
          )
        }
      >
        <ActionOutcome notice={action.notice} testId="alloc-notice" />
        <ErrorText error={action.error} />
        {c.weights.length === 0 ? (
          <Empty>No strategy weights.</Empty>
        ) : (
          <Table data-testid="alloc-weights">
            <THead>
              <Tr>
                <Th>Strategy</Th>
                <Th className="text-right">Weight</Th>
                <Th className="text-right">Target</Th>
                <Th className="text-right">Score</Th>
                <Th className="text-right">Reward (PnL / risk)</Th>
                <Th>Cool-down until</Th>
                <Th>Probation</Th>
              </Tr>
            </THead>
            <TBody>
              {c.weights.map((w) => (
                <Tr key={w.strategy}>
                  <Td>{w.strategy}</Td>
                  <Td className="num text-right">{formatRatio(w.weight)}</Td>
                  <Td className="num text-right">{formatRatio(w.target)}</Td>
                  <Td className="num text-right">{formatNumber(w.score, 6)}</Td>
                  <Td className="num text-right">{formatNumber(w.reward, 6)}</Td>
                  <Td className="num">{formatTime(w.cooling_until)}</Td>
                  <Td>{w.probation ? <Badge variant="warning">probation</Badge> : "—"}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
        {c.events.length > 0 && (
          <ul className="mt-2 list-disc pl-5 text-xs text-muted-foreground">
            {c.events.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Weight history" description={`${history.length} allocation steps (newest 200), kernel time.`}>
        {series.length === 0 ? <Empty>No allocation steps yet.</Empty> : <LazyMultiLineChart series={series} label="Capital weight per strategy" testId="alloc-chart" height={220} />}
      </Section>
      <ConfirmDialog
        open={mode !== null}
        title={mode === "bandit" ? "Run a bandit allocation step now?" : "Run a target-volatility step now?"}
        confirmLabel="Run step"
        onCancel={() => setMode(null)}
        onConfirm={() => {
          const m = mode;
          setMode(null);
          if (m) void step(m);
        }}
      >
        {mode === "bandit"
          ? "Scores the active strategies' window reward (net PnL / risk), cools the worst loser down and cuts correlated pairs."
          : "Sizes each strategy to the target volatility."}{" "}
        The weights move at most the configured step and size the sleeves from their next rebalance. The API has no dry run of a step: this one is recorded in the history and the audit log. It needs ensemble mode and two active strategies.
      </ConfirmDialog>
    </>
  );
}
