import { useState, type FormEvent } from "react";
import { api, unwrap, type Schemas } from "@/api/client";
import { Empty, ErrorText, PageTitle, Section } from "@/components/common";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatTime } from "@/lib/format";
import { useApi } from "@/lib/hooks";

interface Filters {
  entity: string;
  entity_id: string;
  actor: string;
  action: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { entity: "", entity_id: "", actor: "", action: "", from: "", to: "" };

function query(f: Filters, format: "json" | "csv") {
  const q: Record<string, string | number> = { limit: 200, format };
  for (const [k, v] of Object.entries(f)) if (v.trim()) q[k] = v.trim();
  return q;
}

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

const STAGE_VARIANT = {
  cause: "warning",
  signal: "outline",
  decision: "outline",
  risk: "warning",
  order: "secondary",
  fill: "positive",
} as const;

function Replay({ orderId }: { orderId: string }) {
  const { data, error } = useApi(
    () => unwrap<Schemas["Timeline"]>(api.GET("/api/v1/audit/decisions/{order_id}", { params: { path: { order_id: orderId } } })),
    [orderId],
  );
  return (
    <Section title={`Decision chain of ${orderId}`} description={data?.rebalance_id ? `rebalance ${data.rebalance_id}` : undefined}>
      <ErrorText error={error} />
      {data && (
        <ol className="relative ml-2 border-l border-border" data-testid="replay">
          {data.steps.map((s) => (
            <li key={`${s.seq}-${s.stage}`} className="mb-3 ml-4" data-stage={s.stage}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <Badge variant={STAGE_VARIANT[s.stage]}>{s.stage}</Badge>
                <span className="font-medium">{s.action}</span>
                <span className="num text-xs text-muted-foreground">
                  {formatTime(s.at)} · #{s.seq} · {s.actor}
                </span>
              </div>
              {s.reason && <p className="text-xs">{s.reason}</p>}
              {s.detail && <pre className="mt-1 overflow-x-auto rounded bg-muted p-2 text-xs">{s.detail}</pre>}
            </li>
          ))}
        </ol>
      )}
      {data && data.signals.length > 0 && (
        <Table data-testid="replay-signals">
          <THead>
            <Tr>
              <Th>Strategy</Th>
              <Th>Signal</Th>
              <Th>Target weight</Th>
              <Th>Features</Th>
            </Tr>
          </THead>
          <TBody>
            {data.signals.map((g, i) => (
              <Tr key={`${g.strategy}-${i}`}>
                <Td>{g.strategy ?? "—"}</Td>
                <Td className="num">{g.signal ?? "—"}</Td>
                <Td className="num">{g.target_weight ?? "—"}</Td>
                <Td className="text-xs">
                  {Object.entries(g.features ?? {})
                    .map(([k, v]) => `${k} = ${v ?? "—"}`)
                    .join(", ") || "—"}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {data && data.checks.length > 0 && (
        <Table data-testid="replay-checks">
          <THead>
            <Tr>
              <Th>Risk rule</Th>
              <Th>Value</Th>
              <Th>Threshold</Th>
              <Th>Outcome</Th>
            </Tr>
          </THead>
          <TBody>
            {data.checks.map((c, i) => (
              <Tr key={`${c.rule}-${i}`}>
                <Td>{c.rule ?? "—"}</Td>
                <Td className="num">{c.value ?? "—"}</Td>
                <Td className="num">{c.threshold ?? "—"}</Td>
                <Td>
                  <Badge variant={c.passed ? "positive" : "warning"}>{c.passed ? "passed" : "rejected"}</Badge>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Section>
  );
}

export function AuditPage() {
  const [draft, setDraft] = useState<Filters>({ ...EMPTY, entity: "orders" });
  const [filters, setFilters] = useState<Filters>(draft);
  const [order, setOrder] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>();
  const { data, error } = useApi(
    () => unwrap<Schemas["EntryList"]>(api.GET("/api/v1/audit", { params: { query: query(filters, "json") as never } })),
    [filters],
  );
  const verify = useApi(() => unwrap<Schemas["VerifyView"]>(api.GET("/api/v1/audit/verify")), []);
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };
  const exportCsv = async () => {
    setExportError(undefined);
    try {
      const r = await unwrap<Schemas["EntryList"]>(api.GET("/api/v1/audit", { params: { query: query(filters, "csv") as never } }));
      download("perpetua-audit.csv", r.csv ?? "", "text/csv");
    } catch (e) {
      setExportError(e);
    }
  };
  return (
    <div>
      <PageTitle title="Audit & replay">
        <span className="text-xs" data-testid="audit-verify">
          Hash chain:{" "}
          {verify.data ? (
            <Badge variant={verify.data.ok ? "positive" : "negative"}>{verify.data.ok ? "intact" : "broken"}</Badge>
          ) : (
            "checking…"
          )}
        </span>
      </PageTitle>
      <Section title="Filters">
        <form onSubmit={apply} className="grid grid-cols-2 gap-3 md:grid-cols-6" aria-label="Audit filters">
          <Label>
            Entity
            <Input value={draft.entity} onChange={set("entity")} placeholder="orders" />
          </Label>
          <Label>
            Entity id
            <Input value={draft.entity_id} onChange={set("entity_id")} />
          </Label>
          <Label>
            Actor
            <Input value={draft.actor} onChange={set("actor")} placeholder="system:kernel" />
          </Label>
          <Label>
            Action starts with
            <Input value={draft.action} onChange={set("action")} placeholder="order." />
          </Label>
          <Label>
            From (UTC)
            <Input value={draft.from} onChange={set("from")} placeholder="2026-01-01" />
          </Label>
          <Label>
            To (UTC)
            <Input value={draft.to} onChange={set("to")} placeholder="2026-12-31" />
          </Label>
          <div className="col-span-2 flex gap-2 md:col-span-6">
            <Button type="submit">Apply</Button>
            <Button type="button" variant="outline" onClick={() => data && download("perpetua-audit.json", JSON.stringify(data.entries, null, 2), "application/json")}>
              Export JSON
            </Button>
            <Button type="button" variant="outline" onClick={exportCsv}>
              Export CSV
            </Button>
            <ErrorText error={exportError} />
          </div>
        </form>
      </Section>
      {order && <Replay orderId={order} />}
      <Section title="Timeline" description="Up to 200 entries in log order; click an order to replay its chain signal → risk → order → fill.">
        <ErrorText error={error} />
        {data && data.entries.length === 0 && <Empty>No entries match.</Empty>}
        {data && data.entries.length > 0 && (
          <Table data-testid="audit-table">
            <THead>
              <Tr>
                <Th>#</Th>
                <Th>Time</Th>
                <Th>Actor</Th>
                <Th>Action</Th>
                <Th>Entity</Th>
                <Th>Reason</Th>
              </Tr>
            </THead>
            <TBody>
              {data.entries.map((e) => (
                <Tr key={e.seq}>
                  <Td className="num">{e.seq}</Td>
                  <Td className="num">{formatTime(e.at)}</Td>
                  <Td>{e.actor}</Td>
                  <Td>{e.action}</Td>
                  <Td>
                    {e.entity === "orders" && e.entity_id ? (
                      <button className="font-mono text-xs underline" data-order={e.entity_id} onClick={() => setOrder(e.entity_id)}>
                        {e.entity_id}
                      </button>
                    ) : (
                      <span className="font-mono text-xs">
                        {e.entity}
                        {e.entity_id ? `/${e.entity_id}` : ""}
                      </span>
                    )}
                  </Td>
                  <Td className="text-xs">{e.reason}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Section>
    </div>
  );
}
