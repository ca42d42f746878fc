import { useState } from "react";
import { api, unwrap, type Schemas } from "@/api/client";
import { Empty, ErrorText, PageTitle, Section } from "@/components/common";
import { LazyLineChart } from "@/components/LazyChart";
import { ActionOutcome } from "@/components/ReasonDialog";
import { Badge } from "@/components/ui/badge";
import { ApprovalButtons } from "@/components/ApprovalButtons";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { hasRole, useAuth } from "@/lib/auth";
import { toSeries } from "@/lib/chart-data";
import { formatTime } from "@/lib/format";
import { useAction, useApi } from "@/lib/hooks";
import { Link } from "@/lib/router";
import { changedParams, paramText, payloadNames } from "@/lib/strategies";
import { StrategyVersions } from "./StrategyVersions";

async function loadDetail(name: string) {
  const path = { params: { path: { name } } };
  const [config, history, lifecycle, approvals, compare] = await Promise.all([
    unwrap<Schemas["StrategyConfigData"]>(api.GET("/api/v1/strategy/{name}/config", path)),
    unwrap<Schemas["HistoryData"]>(api.GET("/api/v1/strategy/{name}/config/history", path)),
    unwrap<Schemas["LifecycleData"]>(api.GET("/api/v1/strategies/{id}/versions", { params: { path: { id: name } } })),
    unwrap<Schemas["ApprovalList"]>(api.GET("/api/v1/approvals", { params: { query: { status: "pending" } } })),
    unwrap<Schemas["CompareData"]>(api.GET("/api/v1/signals/compare", { params: { query: { strategies: name } } })),
  ]);
  const pending = approvals.requests.filter((r) => r.action.startsWith("strategy.") && payloadNames(r.payload, name));
  return { config, history, lifecycle, pending, nav: compare.strategies[0]?.nav_curve ?? [] };
}

const changesText = (c: Record<string, { old?: unknown; new?: unknown }>) =>
  Object.entries(c)
    .map(([k, v]) => `${k}: ${JSON.stringify(v.old)} → ${JSON.stringify(v.new)}`)
    .join(", ");

export function StrategyDetail({ name }: { name: string }) {
  const { user } = useAuth();
  const trader = hasRole(user, "trader");
  const { data, error, reload } = useApi(() => loadDetail(name), [name], 10000);
  const action = useAction(reload);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [reason, setReason] = useState("");
  const [applyMode, setApplyMode] = useState<"next_rebalance" | "immediate">("next_rebalance");
  const [formErrors, setFormErrors] = useState<string[]>([]);
  if (!data)
    return (
      <div>
        <PageTitle title={`Strategy ${name}`} />
        {error ? <ErrorText error={error} /> : <p className="text-sm text-muted-foreground">Loading…</p>}
      </div>
    );
  const { config, history, lifecycle, pending, nav } = data;
  const params = config.parameters as Record<string, unknown>;
  const prepare = () => {
    const { changes, errors } = changedParams(params, edits);
    if (!errors.length && !Object.keys(changes).length) errors.push("parameters: change at least one value");
    if (!reason.trim()) errors.push("reason: required");
    setFormErrors(errors);
    return errors.length ? null : changes;
  };
  const submitChange = () => {
    const changes = prepare();
    if (!changes) return;
    void action.run(async () => {
      const r = await unwrap<Schemas["ChangeData"]>(
        api.POST("/api/v1/strategy/{name}/config", { params: { path: { name } }, body: { parameters: changes, reason: reason.trim(), apply_mode: applyMode } }),
      );
      setEdits({});
      return `Change request ${r.change_request_id}: ${r.status} (${changesText(r.changes)}); a second person approves it below.`;
    });
  };
  const submitCandidate = () => {
    const changes = prepare();
    if (!changes) return;
    void action.run(async () => {
      const r = await unwrap<Schemas["LifecycleData"]>(
        api.POST("/api/v1/strategies/{id}/versions", { params: { path: { id: name } }, body: { parameters: changes, reason: reason.trim() } }),
      );
      setEdits({});
      return `Candidate ${r.candidate?.version_id ?? "?"} created in stage ${r.candidate?.stage ?? "?"}.`;
    });
  };
  const decide = (id: string, verdict: "approve" | "reject") =>
    action.run(async () => {
      await unwrap(
        api.POST(`/api/v1/approvals/{request_id}/${verdict}` as "/api/v1/approvals/{request_id}/approve", {
          params: { path: { request_id: id } },
          body: { reason: `${verdict} from the dashboard` },
        }),
      );
      return `Request ${id}: ${verdict === "approve" ? "approved" : "rejected"}.`;
    });
  return (
    <div>
      <PageTitle title={`Strategy ${name}`}>
        <Link href="/strategies" className="text-sm underline">
          All strategies
        </Link>
      </PageTitle>
      <ActionOutcome notice={action.notice} testId="strategy-notice" />
      <ErrorText error={action.error} />
      <div className="grid gap-4 xl:grid-cols-2">
        <Section
          title={`Parameters (${config.config_version}, since ${formatTime(config.last_modified)})`}
          description={`Pool ${config.pool_name} · rebalance cron ${config.cron_schedule} (UTC) · bars ${config.compatible_bar_type.join(", ")}. A change is a request: the API validates it against the strategy's declared parameters and a second person approves it.`}
        >
          <Table data-testid="strategy-params">
            <THead>
              <Tr>
                <Th>Parameter</Th>
                <Th>In force</Th>
                {trader && <Th>New value</Th>}
              </Tr>
            </THead>
            <TBody>
              {Object.entries(params).map(([k, v]) => (
                <Tr key={k}>
                  <Td className="font-mono text-xs">{k}</Td>
                  <Td className="num font-mono text-xs">{paramText(v)}</Td>
                  {trader && (
                    <Td>
                      <Input
                        aria-label={`New value of ${k}`}
                        value={edits[k] ?? ""}
                        placeholder={paramText(v)}
                        onChange={(e) => setEdits((x) => ({ ...x, [k]: e.target.value }))}
                        className="h-8 font-mono text-xs"
                      />
                    </Td>
                  )}
                </Tr>
              ))}
            </TBody>
          </Table>
          {trader && (
            <div className="mt-3 flex flex-wrap items-end gap-2">
              <Label className="min-w-64 flex-1">
                Reason
                <Input value={reason} onChange={(e) => setReason(e.target.value)} />
              </Label>
              <Label>
                Apply
                <Select value={applyMode} onChange={(e) => setApplyMode(e.target.value as "next_rebalance" | "immediate")}>
                  <option value="next_rebalance">at the next rebalance</option>
                  <option value="immediate">when approved</option>
                </Select>
              </Label>
              <Button onClick={submitChange} disabled={action.busy}>
                Request change
              </Button>
              <Button variant="outline" onClick={submitCandidate} disabled={action.busy}>
                File as candidate version
              </Button>
            </div>
          )}
          {formErrors.length > 0 && (
            <ul role="alert" className="mt-2 list-disc pl-5 text-sm text-negative">
              {formErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
        </Section>
        <div>
          <Section title="Virtual book NAV" description="Daily NAV of the strategy's own virtual book (signals/compare; only days the platform ran).">
            {nav.length < 2 ? <Empty>Fewer than two days yet.</Empty> : <LazyLineChart data={toSeries(nav, (p) => p.date, (p) => p.nav)} label={`NAV of ${name}`} height={200} />}
          </Section>
          <Section title="Four-eyes requests of this strategy" description="A second person approves (the requester can only withdraw).">
            {pending.length === 0 ? (
              <Empty>No pending requests.</Empty>
            ) : (
              <Table data-testid="strategy-approvals">
                <THead>
                  <Tr>
                    <Th>Action</Th>
                    <Th>Requester</Th>
                    <Th>Why</Th>
                    <Th />
                  </Tr>
                </THead>
                <TBody>
                  {pending.map((r) => (
                    <Tr key={r.request_id}>
                      <Td className="text-xs" title={r.payload}>
                        {r.action}
                      </Td>
                      <Td>{r.requester}</Td>
                      <Td className="text-xs">{r.request_reason}</Td>
                      <Td className="flex gap-1">
                        <ApprovalButtons canAct={trader} requester={r.requester} username={user?.username} onDecide={(v) => decide(r.request_id, v)} />
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </Section>
        </div>
      </div>
      <Section title="Change history" description="Every change request, newest first; a version is made when it is applied.">
        {history.changes.length === 0 ? (
          <Empty>No change requests yet.</Empty>
        ) : (
          <Table data-testid="strategy-history">
            <THead>
              <Tr>
                <Th>Request</Th>
                <Th>Requested</Th>
                <Th>Changes</Th>
                <Th>Reason</Th>
                <Th>Status</Th>
                <Th>Version</Th>
                <Th>Applied</Th>
              </Tr>
            </THead>
            <TBody>
              {history.changes.map((c) => (
                <Tr key={c.change_id}>
                  <Td className="font-mono text-xs">{c.change_id}</Td>
                  <Td className="num">{formatTime(c.timestamp)}</Td>
                  <Td className="font-mono text-xs">{changesText(c.changes)}</Td>
                  <Td className="text-xs">{c.reason}</Td>
                  <Td>
                    <Badge variant={c.status === "applied" ? "positive" : c.status === "rejected" ? "negative" : "warning"}>{c.status}</Badge>
                  </Td>
                  <Td>{c.version ?? "—"}</Td>
                  <Td className="num">{formatTime(c.applied_at)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Section>
      <StrategyVersions name={name} lifecycle={lifecycle} trader={trader} action={action} />
    </div>
  );
}
