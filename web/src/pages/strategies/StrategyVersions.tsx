import { useState } from "react";
import { api, unwrap, type Schemas } from "@/api/client";
import { Empty, Section } from "@/components/common";
import { ReasonDialog } from "@/components/ReasonDialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatPercent, formatTime } from "@/lib/format";
import type { useAction } from "@/lib/hooks";
import { nextStage } from "@/lib/strategies";

type Lifecycle = Schemas["LifecycleData"];

const roleVariant = (role: string) => (role === "stable" ? "positive" : role === "candidate" ? "warning" : "outline");

/** Versions with their stage, and the candidate's promote / rollback (each with a reason). */
export function StrategyVersions(props: { name: string; lifecycle: Lifecycle; trader: boolean; action: ReturnType<typeof useAction> }) {
  const { name, lifecycle: lc, trader, action } = props;
  const [dialog, setDialog] = useState<"promote" | "rollback" | null>(null);
  const cand = lc.candidate;
  const next = cand ? nextStage(cand.stage) : null;
  const promote = (reason: string) =>
    action.run(async () => {
      if (!cand || !next) return;
      const r = await unwrap<Lifecycle>(
        api.POST("/api/v1/strategies/{id}/promote", { params: { path: { id: name } }, body: { version_id: cand.version_id, stage: next, reason } }),
      );
      if (r.candidate?.approval_id) return `Promotion to prod filed for four-eyes approval (${r.candidate.approval_id}).`;
      return r.candidate ? `${r.candidate.version_id} is now in ${r.candidate.stage}.` : `${cand.version_id} is now the stable version (${r.stable_version}).`;
    });
  const rollback = (reason: string) =>
    action.run(async () => {
      const r = await unwrap<Lifecycle>(api.POST("/api/v1/strategies/{id}/rollback", { params: { path: { id: name } }, body: { reason } }));
      return `Rolled back: stable ${r.stable_version}${r.candidate ? `, candidate ${r.candidate.version_id}` : ", no candidate"}.`;
    });
  return (
    <Section
      title="Versions and promotion"
      description="Immutable versions; a candidate moves paper → shadow → canary → prod one stage at a time (prod needs the canary gates and a four-eyes approval). Rollback drops the candidate, else returns to the previous stable version."
      actions={
        trader && (
          <div className="flex gap-2">
            {cand && next && (
              <Button size="sm" onClick={() => setDialog("promote")} disabled={next === "prod" && !cand.gates_passed} title={next === "prod" && !cand.gates_passed ? "the canary gates have not passed" : undefined}>
                Promote to {next}
              </Button>
            )}
            {(cand || lc.previous_stable_version) && (
              <Button size="sm" variant="outline" onClick={() => setDialog("rollback")}>
                Roll back
              </Button>
            )}
          </div>
        )
      }
    >
      <dl className="mb-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm md:grid-cols-4" data-testid="lifecycle">
        <dt className="text-muted-foreground">Stable (prod)</dt>
        <dd className="font-mono text-xs">{lc.stable_version}</dd>
        <dt className="text-muted-foreground">Previous stable</dt>
        <dd className="font-mono text-xs">{lc.previous_stable_version ?? "—"}</dd>
        <dt className="text-muted-foreground">Candidate</dt>
        <dd className="font-mono text-xs" data-testid="candidate-stage">
          {cand ? `${cand.version_id} · ${cand.stage} since ${formatTime(cand.since)}` : "none"}
        </dd>
        <dt className="text-muted-foreground">Candidate capital / gates</dt>
        <dd className="text-xs">{cand ? `${formatPercent(cand.capital_fraction)} · gates ${cand.gates_passed ? "passed" : "not passed"}${cand.approval_id ? ` · approval ${cand.approval_id}` : ""}` : "—"}</dd>
      </dl>
      {lc.versions.length === 0 ? (
        <Empty>No versions yet.</Empty>
      ) : (
        <Table data-testid="strategy-versions">
          <THead>
            <Tr>
              <Th>Version</Th>
              <Th>Role</Th>
              <Th>Parameters</Th>
              <Th>Created</Th>
              <Th>Reason</Th>
              <Th>Optimiser run</Th>
              <Th>Hash</Th>
            </Tr>
          </THead>
          <TBody>
            {[...lc.versions].reverse().map((v) => (
              <Tr key={v.version_id}>
                <Td className="font-mono text-xs">{v.version_id}</Td>
                <Td>
                  <Badge variant={roleVariant(v.role)}>{v.role === "candidate" && cand ? `candidate · ${cand.stage}` : v.role}</Badge>
                </Td>
                <Td className="max-w-80 truncate font-mono text-xs" title={JSON.stringify(v.parameters)}>
                  {JSON.stringify(v.parameters)}
                </Td>
                <Td className="text-xs">
                  {v.created_by}, {formatTime(v.created_at)}
                </Td>
                <Td className="text-xs">{v.reason}</Td>
                <Td className="text-xs">
                  {v.optimiser_run_id ?? "—"}
                  {Object.keys(v.optimiser_stats).length > 0 && ` (${Object.entries(v.optimiser_stats).map(([k, x]) => `${k} ${x}`).join(", ")})`}
                </Td>
                <Td className="font-mono text-xs" title={v.config_hash}>
                  {v.config_hash.slice(0, 10)}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {lc.events.length > 0 && (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer">Transitions ({lc.events.length})</summary>
          <Table>
            <THead>
              <Tr>
                <Th>#</Th>
                <Th>When</Th>
                <Th>What</Th>
                <Th>Stage</Th>
                <Th>Who</Th>
                <Th>Why</Th>
              </Tr>
            </THead>
            <TBody>
              {[...lc.events].reverse().map((e) => (
                <Tr key={e.revision}>
                  <Td className="num">{e.revision}</Td>
                  <Td className="num">{formatTime(e.at)}</Td>
                  <Td className="text-xs" title={JSON.stringify(e.evidence)}>
                    {e.kind} {e.version_id ?? ""}
                  </Td>
                  <Td className="text-xs">
                    {e.from_stage ?? "—"} → {e.to_stage ?? "—"}
                  </Td>
                  <Td className="text-xs">{e.actor}</Td>
                  <Td className="text-xs">{e.reason}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </details>
      )}
      <ReasonDialog
        open={dialog !== null}
        title={dialog === "promote" ? `Promote ${cand?.version_id} to ${next}?` : `Roll back ${name}?`}
        confirmLabel={dialog === "promote" ? "Promote" : "Roll back"}
        destructive={dialog === "rollback"}
        onCancel={() => setDialog(null)}
        onConfirm={(reason) => {
          const d = dialog;
          setDialog(null);
          void (d === "promote" ? promote(reason) : rollback(reason));
        }}
      >
        {dialog === "promote"
          ? next === "prod"
            ? "Prod needs a second person's approval (four-eyes): this files the request."
            : `The candidate moves to ${next}.`
          : cand
            ? `Drops the candidate ${cand.version_id}.`
            : `Returns to ${lc.previous_stable_version} from the strategy's next decision.`}
      </ReasonDialog>
    </Section>
  );
}
