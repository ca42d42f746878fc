import { useState } from "react";
import { api, unwrap, type Schemas } from "@/api/client";
import { Empty, ErrorText, Section } from "@/components/common";
import { ActionOutcome } from "@/components/ReasonDialog";
import { Badge, statusVariant } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Input, Label } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { carryActions, checkQuantity, deviationLevel, pendingText, type CarryAction } from "@/lib/carry";
import { msToIso } from "@/lib/delta";
import { formatPercent, formatPrice, formatQuantity, formatSignedMoney, formatTime } from "@/lib/format";
import { useAction, useApi } from "@/lib/hooks";

type Carry = Schemas["CarryView"];

const LABEL: Record<CarryAction, string> = {
  start: "Start…",
  close: "Close…",
  confirm: "Confirm",
  mode_real: "Switch to real…",
  mode_dry_run: "Back to dry-run",
  reset: "Reset (admin)…",
};

async function act(id: string, a: CarryAction, quantity: string): Promise<Carry> {
  const path = { params: { path: { id } } };
  switch (a) {
    case "start":
      return unwrap(api.POST("/api/v1/carry/{id}/start", { ...path, body: { quantity } }));
    case "close":
      return unwrap(api.POST("/api/v1/carry/{id}/close", path));
    case "confirm":
      return unwrap(api.POST("/api/v1/carry/{id}/confirm", path));
    case "mode_real":
    case "mode_dry_run":
      return unwrap(api.POST("/api/v1/carry/{id}/mode", { ...path, body: { mode: a === "mode_real" ? "real" : "dry_run" } }));
    case "reset":
      return unwrap(api.POST("/api/v1/carry/{id}/reset", path));
  }
}

/** The funding carries (spot long + perp short, spec §7): state machine, legs, confirmations, records. */
export function CarrySection({ trader, admin }: { trader: boolean; admin: boolean }) {
  const list = useApi(() => unwrap<Schemas["CarryList"]>(api.GET("/api/v1/carry")), [], 5000);
  const [open, setOpen] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  return (
    <Section title="Funding carry" description="Spot long + perpetual short of equal size; every start, close and switch to real mode waits for a confirmation. Hard limits come from the configuration only.">
      <ErrorText error={list.error} />
      {list.data && items.length === 0 ? (
        <Empty>No carry configured (the control.carry section; docs/funding-carry.md).</Empty>
      ) : (
        <div className="flex flex-col gap-4" data-testid="carry-list">
          {items.map((c) => (
            <CarryCard key={c.id} c={c} trader={trader} admin={admin} reload={list.reload} open={open === c.id} onOpen={() => setOpen(open === c.id ? null : c.id)} />
          ))}
        </div>
      )}
    </Section>
  );
}

function CarryCard(p: { c: Carry; trader: boolean; admin: boolean; reload: () => void; open: boolean; onOpen: () => void }) {
  const { c } = p;
  const action = useAction(p.reload);
  const [asking, setAsking] = useState<CarryAction | null>(null);
  const [quantity, setQuantity] = useState("0.010");
  const qtyError = asking === "start" ? checkQuantity(quantity) : null;
  const dev = deviationLevel(c.hedge_deviation, c.limits.max_hedge_deviation);
  const run = (a: CarryAction) =>
    action.run(async () => {
      const v = await act(c.id, a, quantity.trim());
      return `${c.id}: ${v.state}${v.pending ? `, awaiting confirmation to ${pendingText(v.pending)}` : ""} (${v.mode}).`;
    });
  return (
    <div className="rounded-md border border-border p-3" data-carry={c.id}>
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <span className="font-semibold">{c.id}</span>
        <span className="text-xs text-muted-foreground">
          {c.underlying} · spot {c.spot_account} · perp {c.perp_account} · cycle {c.cycle}
        </span>
        <Badge variant={statusVariant(c.state)} data-testid="carry-state">
          {c.state}
        </Badge>
        <Badge variant={c.mode === "real" ? "warning" : "outline"}>{c.mode === "real" ? "real" : "dry-run"}</Badge>
        {c.pending && <Badge variant="warning">awaiting confirmation: {pendingText(c.pending)}</Badge>}
      </div>
      <div className="grid grid-cols-2 gap-2 text-sm md:grid-cols-5">
        <Fig label="Spot" value={formatQuantity(Number(c.spot_position))} />
        <Fig label="Perp" value={formatQuantity(Number(c.perp_position))} />
        <Fig label="Hedge deviation" value={`${formatPercent(c.hedge_deviation)} (limit ${formatPercent(c.limits.max_hedge_deviation)})`} className={dev === "over" ? "text-negative" : dev === "near" ? "text-warning" : ""} />
        <Fig label="Funding rate" value={c.funding_rate == null ? "unknown" : formatPercent(c.funding_rate, true)} />
        <Fig label="Updated" value={formatTime(msToIso(c.updated_ms))} />
      </div>
      {c.last_error && <p className="mt-1 text-xs text-negative">Last market read failed: {c.last_error}</p>}
      <p className="mt-1 text-xs text-muted-foreground">
        Limits: notional ≤ {c.limits.max_notional} USDT per leg · slippage ≤ {formatPercent(c.limits.max_slippage)} · margin warn {c.limits.margin_warn} / danger {c.limits.margin_danger} · halt after {c.limits.max_api_failures} API failures · clock drift ≤ {c.limits.max_clock_drift_ms} ms
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        {carryActions(c, p.trader, p.admin).map((a) => (
          <Button key={a} size="sm" variant={a === "reset" || a === "mode_real" ? "destructive" : a === "confirm" ? "default" : "outline"} disabled={action.busy} onClick={() => (a === "confirm" || a === "mode_dry_run" ? void run(a) : setAsking(a))}>
            {LABEL[a]}
          </Button>
        ))}
        <Button size="sm" variant="ghost" onClick={p.onOpen} aria-expanded={p.open}>
          {p.open ? "Hide records" : "Records"}
        </Button>
      </div>
      <ActionOutcome notice={action.notice} testId={`carry-notice-${c.id}`} />
      <ErrorText error={action.error} />
      <ConfirmDialog
        open={asking !== null}
        title={asking === "start" ? `Open a carry on ${c.underlying}?` : asking === "close" ? `Close ${c.id}?` : asking === "mode_real" ? `Switch ${c.id} to real mode?` : `Reset ${c.id}?`}
        confirmLabel={asking === "reset" ? "Reset" : "Ask"}
        destructive={asking === "reset" || asking === "mode_real"}
        confirmDisabled={!!qtyError}
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          const a = asking;
          setAsking(null);
          if (a) void run(a);
        }}
      >
        {asking === "start" && (
          <>
            Nothing is sent until you confirm. Quantity of the underlying per leg:
            <Label htmlFor={`qty-${c.id}`} className="mt-2 block text-xs">
              Quantity
            </Label>
            <Input id={`qty-${c.id}`} value={quantity} onChange={(e) => setQuantity(e.target.value)} className="mt-1" />
            {qtyError && <p className="mt-1 text-xs text-negative">{qtyError}</p>}
          </>
        )}
        {asking === "close" && "Both legs are closed after your confirmation."}
        {asking === "mode_real" && "Needs the acceptance checklist passed, then a confirmation; from then on the legs are real orders on the venues."}
        {asking === "reset" && "HALTED → IDLE by hand. The positions stay as the venues hold them. With four-eyes on, this files a request that a second admin approves (Risk centre, pending approvals)."}
      </ConfirmDialog>
      {p.open && <CarryRecords id={c.id} />}
    </div>
  );
}

function Fig({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <div>
      <div className="text-xs text-muted-foreground">{label}</div>
      <div className={`num ${className ?? ""}`}>{value}</div>
    </div>
  );
}

function CarryRecords({ id }: { id: string }) {
  const path = { params: { path: { id }, query: { limit: 20 } } };
  const { data, error } = useApi(
    async () => {
      const [ledger, funding, events, one] = await Promise.all([
        unwrap<Schemas["LedgerList"]>(api.GET("/api/v1/carry/{id}/ledger", path)),
        unwrap<Schemas["FundingList"]>(api.GET("/api/v1/carry/{id}/funding", path)),
        unwrap<Schemas["EventList"]>(api.GET("/api/v1/carry/{id}/alerts", path)),
        unwrap<Carry>(api.GET("/api/v1/carry/{id}", { params: { path: { id } } })),
      ]);
      return { ledger, funding, events, checklist: one.checklist ?? [] };
    },
    [id],
    10000,
  );
  if (error) return <ErrorText error={error} />;
  if (!data) return <p className="text-sm text-muted-foreground">Loading…</p>;
  return (
    <div className="mt-3 grid gap-3 xl:grid-cols-2" data-testid={`carry-records-${id}`}>
      <div>
        <h3 className="mb-1 text-sm font-medium">Ledger (both modes, latest 20)</h3>
        {data.ledger.items.length === 0 ? (
          <Empty>No fills or settlements yet.</Empty>
        ) : (
          <Table>
            <THead>
              <Tr>
                <Th>When</Th>
                <Th>Mode</Th>
                <Th>Kind</Th>
                <Th>Order</Th>
                <Th className="text-right">Qty</Th>
                <Th className="text-right">Price</Th>
                <Th className="text-right">Fee</Th>
                <Th className="text-right">Funding</Th>
              </Tr>
            </THead>
            <TBody>
              {data.ledger.items.map((l, i) => (
                <Tr key={i}>
                  <Td className="num text-xs">{formatTime(msToIso(l.time_ms))}</Td>
                  <Td className="text-xs">{l.mode}</Td>
                  <Td className="text-xs">{l.kind}</Td>
                  <Td className="font-mono text-xs">{l.client_order_id ? `${l.side} ${l.client_order_id}` : "—"}</Td>
                  <Td className="num text-right">{formatQuantity(Number(l.quantity))}</Td>
                  <Td className="num text-right">{l.price == null ? "—" : formatPrice(Number(l.price))}</Td>
                  <Td className="num text-right">{l.fee}</Td>
                  <Td className="num text-right">{l.funding}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </div>
      <div>
        <h3 className="mb-1 text-sm font-medium">Funding income: {formatSignedMoney(Number(data.funding.total))}</h3>
        <h3 className="mb-1 mt-2 text-sm font-medium">Acceptance checklist for real mode</h3>
        <ul className="mb-2 text-xs" data-testid={`carry-checklist-${id}`}>
          {data.checklist.map((k) => (
            <li key={k.name}>
              <Badge variant={k.passed ? "positive" : "negative"}>{k.passed ? "passed" : "open"}</Badge> {k.name}: {k.detail}
            </li>
          ))}
        </ul>
        <h3 className="mb-1 text-sm font-medium">Events and actions</h3>
        {data.events.items.length === 0 ? (
          <Empty>No events.</Empty>
        ) : (
          <ul className="text-xs">
            {data.events.items.map((e, i) => (
              <li key={i}>
                <span className="num">{formatTime(msToIso(e.time_ms))}</span> <Badge variant={e.severity === "CRITICAL" ? "negative" : e.severity === "WARN" ? "warning" : "outline"}>{e.severity}</Badge> {e.kind}: {e.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
