import { useState } from "react";
import { api, unwrap, type Schemas } from "@/api/client";
import { Empty, ErrorText, PageTitle, Section } from "@/components/common";
import { Badge, statusVariant } from "@/components/ui/badge";
import { ApprovalButtons } from "@/components/ApprovalButtons";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Input, Label } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { hasRole, useAuth } from "@/lib/auth";
import { formatMoney, formatRatio, formatTime } from "@/lib/format";
import { useApi } from "@/lib/hooks";

async function loadRisk() {
  const [status, config, alerts, approvals] = await Promise.all([
    unwrap<Schemas["StatusData"]>(api.GET("/api/v1/risk/status")),
    unwrap<Schemas["ConfigData"]>(api.GET("/api/v1/risk/config")),
    unwrap<Schemas["AlertList"]>(api.GET("/api/v1/risk/alerts")),
    unwrap<Schemas["ApprovalList"]>(api.GET("/api/v1/approvals")),
  ]);
  return { status, config, alerts, approvals };
}

/** Thresholds in money are shown with 2 decimals, the others (ratios, multiples) with 6. */
const MONEY_RULES = new Set(["min_balance_reserve", "max_order_value"]);
const fmtLimit = (rule: string, v: number | null | undefined) => (MONEY_RULES.has(rule) ? formatMoney(v) : formatRatio(v));

export function RiskPage() {
  const { user } = useAuth();
  const admin = hasRole(user, "admin");
  const { data, error, reload } = useApi(loadRisk, [], 5000);
  const [confirm, setConfirm] = useState<"stop" | "resume" | null>(null);
  const [reason, setReason] = useState("");
  const [symbol, setSymbol] = useState("");
  const [actionError, setActionError] = useState<unknown>();
  const [notice, setNotice] = useState("");
  const run = async (f: () => Promise<unknown>) => {
    setActionError(undefined);
    setNotice("");
    try {
      await f();
    } catch (e) {
      setActionError(e);
    }
    reload();
  };
  const control = (kind: "stop" | "resume") =>
    run(async () => {
      const body = { confirm: true, reason: reason.trim() || (kind === "stop" ? "emergency stop from the dashboard" : "resume from the dashboard"), operator: user?.username ?? "dashboard" };
      const path = kind === "stop" ? "/api/v1/system/emergency-stop" : "/api/v1/system/resume";
      const r = await unwrap<Schemas["StopData"]>(api.POST(path, { body }));
      setNotice(
        kind === "stop"
          ? "Emergency stop active: the kernel sends no orders."
          : r.approval_request_id
            ? `Resume filed for four-eyes approval (${r.approval_request_id}): another admin approves it below.`
            : "Trading resumed.",
      );
    });
  const decide = (id: string, verdict: "approve" | "reject") =>
    run(() =>
      unwrap(
        api.POST(`/api/v1/approvals/{request_id}/${verdict}` as "/api/v1/approvals/{request_id}/approve", {
          params: { path: { request_id: id } },
          body: { reason: `${verdict} from the dashboard` },
        }),
      ),
    );
  const symbolAction = (kind: "disable" | "enable") =>
    run(() =>
      unwrap(
        api.POST(`/api/v1/risk/symbols/${kind}` as "/api/v1/risk/symbols/disable", {
          body: { symbol: symbol.trim(), operator: user?.username ?? "dashboard", reason: `${kind} from the dashboard` },
        }),
      ),
    );
  if (!data) return error ? <ErrorText error={error} /> : <p className="text-sm text-muted-foreground">Loading…</p>;
  const { status, config, alerts, approvals } = data;
  const pending = approvals.requests.filter((r) => r.status === "pending");
  return (
    <div>
      <PageTitle title="Risk centre">
        <span className="text-xs text-muted-foreground">Rules checked {formatTime(status.last_check)} (kernel time)</span>
      </PageTitle>
      <Section
        title="Trading"
        actions={
          admin && (
            <div className="flex gap-2">
              <Button variant="destructive" onClick={() => setConfirm("stop")} disabled={status.emergency_stop}>
                Emergency stop
              </Button>
              <Button variant="outline" onClick={() => setConfirm("resume")} disabled={status.trading_enabled && !status.emergency_stop}>
                Resume
              </Button>
            </div>
          )
        }
      >
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span>
            Status: <Badge variant={statusVariant(status.overall_status)} data-testid="risk-overall">{status.overall_status}</Badge>
          </span>
          <span data-testid="trading-state">
            {status.emergency_stop ? "Emergency stop active" : status.trading_enabled ? "Trading enabled" : "Trading halted"}
          </span>
          <span>{status.dry_run ? "dry run (paper)" : "live orders"}</span>
          {status.halt_reasons.length > 0 && <span>Halts: {status.halt_reasons.join("; ")}</span>}
        </div>
        {admin && (
          <Label className="mt-3 max-w-md">
            Reason (recorded in the audit log)
            <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. exchange incident" />
          </Label>
        )}
        {notice && (
          <p className="mt-2 text-sm" role="status" data-testid="risk-notice">
            {notice}
          </p>
        )}
        <ErrorText error={actionError} />
      </Section>
      <Section title="Four-eyes approvals" description="Lifting a stop needs a second admin (the requester cannot approve).">
        {pending.length === 0 ? (
          <Empty>No pending requests.</Empty>
        ) : (
          <Table data-testid="approvals">
            <THead>
              <Tr>
                <Th>Request</Th>
                <Th>Action</Th>
                <Th>Requester</Th>
                <Th>Reason</Th>
                <Th>Requested</Th>
                <Th />
              </Tr>
            </THead>
            <TBody>
              {pending.map((r) => (
                <Tr key={r.request_id}>
                  <Td className="font-mono text-xs">{r.request_id}</Td>
                  <Td>{r.action}</Td>
                  <Td>{r.requester}</Td>
                  <Td>{r.request_reason}</Td>
                  <Td className="num">{formatTime(r.requested_at)}</Td>
                  <Td className="flex gap-1">
                    <ApprovalButtons canAct={admin} requester={r.requester} username={user?.username} onDecide={(v) => decide(r.request_id, v)} />
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Section>
      <Section title="Rules" description="Limits come from the configuration; runtime edits are not served by the API yet.">
        <Table>
          <THead>
            <Tr>
              <Th>Rule</Th>
              <Th>Status</Th>
              <Th className="text-right">Current</Th>
              <Th className="text-right">Limit</Th>
              <Th>Worst symbol / detail</Th>
            </Tr>
          </THead>
          <TBody>
            {status.rules.map((r) => (
              <Tr key={r.rule_name}>
                <Td>{r.display_name}</Td>
                <Td>
                  <Badge variant={statusVariant(r.status)}>{r.status}</Badge>
                </Td>
                <Td className="num text-right">{fmtLimit(r.rule_name, r.current_value)}</Td>
                <Td className="num text-right">{fmtLimit(r.rule_name, r.threshold)}</Td>
                <Td className="text-xs">{[r.worst_symbol, r.detail].filter(Boolean).join(" · ")}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </Section>
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="Configured limits">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt>Largest position / equity</dt>
            <dd className="num">{formatRatio(config.max_position_pct)}</dd>
            <dt>Gross exposure / equity</dt>
            <dd className="num">{formatRatio(config.max_total_exposure)}</dd>
            <dt>Drawdown halt</dt>
            <dd className="num">{formatRatio(config.max_drawdown_halt)}</dd>
            <dt>Minimum equity kept</dt>
            <dd className="num">{formatMoney(config.min_balance_reserve)}</dd>
            <dt>Largest order value</dt>
            <dd className="num">{formatMoney(config.max_order_value)}</dd>
            <dt>Daily turnover / equity</dt>
            <dd className="num">{formatRatio(config.max_daily_turnover)}</dd>
            <dt>Blacklist</dt>
            <dd>{config.blacklist.length ? config.blacklist.join(", ") : "none"}</dd>
          </dl>
        </Section>
        <Section title="Disabled symbols">
          <p className="mb-2 text-sm" data-testid="disabled-symbols">
            {status.disabled_symbols.length ? status.disabled_symbols.join(", ") : "none"}
          </p>
          {admin && (
            <div className="flex items-end gap-2">
              <Label className="flex-1">
                Symbol
                <Input value={symbol} onChange={(e) => setSymbol(e.target.value)} placeholder="BTC/USDT:USDT" />
              </Label>
              <Button variant="outline" onClick={() => symbolAction("disable")} disabled={!symbol.trim()}>
                Disable
              </Button>
              <Button variant="outline" onClick={() => symbolAction("enable")} disabled={!symbol.trim()}>
                Enable
              </Button>
            </div>
          )}
        </Section>
      </div>
      <Section title="Alerts" description="The latest 20, newest first.">
        {alerts.items.length === 0 ? (
          <Empty>No alerts.</Empty>
        ) : (
          <Table>
            <THead>
              <Tr>
                <Th>Time</Th>
                <Th>Severity</Th>
                <Th>Rule</Th>
                <Th>Message</Th>
                <Th>Resolved</Th>
              </Tr>
            </THead>
            <TBody>
              {alerts.items.map((a) => (
                <Tr key={a.alert_id}>
                  <Td className="num">{formatTime(a.timestamp)}</Td>
                  <Td>
                    <Badge variant={a.severity === "critical" ? "negative" : a.severity === "warning" ? "warning" : "outline"}>{a.severity}</Badge>
                  </Td>
                  <Td>{a.rule_name}</Td>
                  <Td>{a.message}</Td>
                  <Td>{a.resolved ? formatTime(a.resolved_at) : "open"}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Section>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm === "stop" ? "Stop all trading now?" : "Resume trading?"}
        confirmLabel={confirm === "stop" ? "Stop trading" : "Resume"}
        destructive={confirm === "stop"}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const kind = confirm!;
          setConfirm(null);
          void control(kind);
        }}
      >
        {confirm === "stop"
          ? "The kernel cancels nothing by itself but sends no new orders until the stop is lifted."
          : "Lifts the emergency stop and latched halts; with four-eyes on, another admin must approve."}
      </ConfirmDialog>
    </div>
  );
}
