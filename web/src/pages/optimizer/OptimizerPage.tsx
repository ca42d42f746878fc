import { useState } from "react";
import { api, unwrap, type Schemas } from "@/api/client";
import { Empty, ErrorText, PageTitle, Section } from "@/components/common";
import { Badge, statusVariant } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatNumber, formatPercent, formatTime } from "@/lib/format";
import { useApi } from "@/lib/hooks";
import { CompareRuns } from "./CompareRuns";
import { RunForm } from "./RunForm";
import { RUN_POLL_MS, RunView } from "./RunView";

export function OptimizerPage() {
  const runs = useApi(() => unwrap<Schemas["OptimizerRunList"]>(api.GET("/api/v1/optimizer/runs", { params: { query: { limit: 50 } } })), [], RUN_POLL_MS * 2);
  const [selected, setSelected] = useState<string | null>(null);
  const [compare, setCompare] = useState<string[]>([]);
  const [comparing, setComparing] = useState<[string, string] | null>(null);
  const toggleCompare = (id: string) => setCompare((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id].slice(-2)));
  const items = runs.data?.items ?? [];
  return (
    <div>
      <PageTitle title="Optimizer lab">
        <span className="text-xs text-muted-foreground">Walk-forward parameter search on the backtester (same kernel, same costs)</span>
      </PageTitle>
      <RunForm
        onSubmitted={(id) => {
          setSelected(id);
          runs.reload();
        }}
      />
      {selected && <RunView key={selected} id={selected} onChange={runs.reload} />}
      <Section
        title="Runs"
        description="Newest first (a trader sees their own). Select two to compare."
        actions={
          <Button size="sm" variant="outline" disabled={compare.length !== 2} onClick={() => setComparing([compare[0], compare[1]])}>
            Compare selected
          </Button>
        }
      >
        <ErrorText error={runs.error} />
        {items.length === 0 ? (
          <Empty>No optimisation runs yet.</Empty>
        ) : (
          <Table data-testid="opt-runs">
            <THead>
              <Tr>
                <Th>
                  <span className="sr-only">Compare</span>
                </Th>
                <Th>Run</Th>
                <Th>Strategy</Th>
                <Th>Status</Th>
                <Th>Algorithm / objective</Th>
                <Th className="text-right">Progress</Th>
                <Th className="text-right">OOS return</Th>
                <Th className="text-right">OOS Sharpe</Th>
                <Th>Submitted</Th>
              </Tr>
            </THead>
            <TBody>
              {items.map((r) => (
                <Tr key={r.run_id} data-run={r.run_id}>
                  <Td>
                    <input type="checkbox" aria-label={`Compare ${r.run_id}`} checked={compare.includes(r.run_id)} onChange={() => toggleCompare(r.run_id)} />
                  </Td>
                  <Td>
                    <button type="button" className="font-mono text-xs underline" onClick={() => setSelected(r.run_id)}>
                      {r.run_id}
                    </button>
                  </Td>
                  <Td>{r.strategy_id}</Td>
                  <Td>
                    <Badge variant={statusVariant(r.status === "done" ? "completed" : r.status)}>{r.status}</Badge>
                  </Td>
                  <Td className="text-xs">
                    {r.algorithm} / {r.objective}
                  </Td>
                  <Td className="num text-right">{formatPercent(r.progress.fraction)}</Td>
                  <Td className="num text-right">{formatPercent(r.result?.total_return)}</Td>
                  <Td className="num text-right">{formatNumber(r.result?.sharpe, 4)}</Td>
                  <Td className="num">{formatTime(r.submitted_at)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Section>
      {comparing && <CompareRuns a={comparing[0]} b={comparing[1]} />}
    </div>
  );
}
