import { useState } from "react";
import { ApiFailure, api, getToken, unwrap, type Schemas } from "@/api/client";
import { Empty, ErrorText, PageTitle, Section } from "@/components/common";
import { Badge } from "@/components/ui/badge";
import { ApprovalButtons } from "@/components/ApprovalButtons";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { hasRole, useAuth } from "@/lib/auth";
import { formatNumber, formatPercent, formatPrice, formatTime } from "@/lib/format";
import { useApi } from "@/lib/hooks";

// The hot-coin routes are newer than the checked-in OpenAPI snapshot (the integrator refreshes it
// after merging); until then their shapes are written out here, as the API serves them.
interface Term {
  name: string;
  value: number | null;
  weight: number;
  contribution: number | null;
  missing: string | null;
}
interface Sentiment {
  index: number | null;
  label: string;
}
interface Coin {
  rank: number;
  symbol: string;
  score: number;
  status: string;
  expires_at: string;
  decided_by: string | null;
  reason: string | null;
  breakdown: Term[];
  risk_tags: { last: number; low24h: number; high24h: number; range7d_pct: number; safe_leverage: number | null; sentiment: Sentiment };
}
interface Scan {
  ts: string | null;
  ts_ms: number | null;
  scored: number;
  market: Sentiment;
  coins: Coin[];
}
interface Whitelist {
  symbols: { symbol: string; approved_by: string; approved_at: string }[];
}
interface Decision {
  status: string;
  approval_id: string | null;
}

/** A call to a route the generated client does not know yet: the envelope's data or an ApiFailure. */
async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Authorization: `Bearer ${getToken() ?? ""}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await r.json().catch(() => ({}));
  if (!r.ok) throw new ApiFailure(r.status, json.code ?? null, json.message ?? `HTTP ${r.status}`);
  return json.data as T;
}

async function loadHotlist() {
  const [scan, whitelist, approvals] = await Promise.all([
    call<Scan>("GET", "/api/v1/hotlist"),
    call<Whitelist>("GET", "/api/v1/hotlist/whitelist"),
    unwrap<Schemas["ApprovalList"]>(api.GET("/api/v1/approvals")),
  ]);
  return { scan, whitelist, pending: approvals.requests.filter((r) => r.status === "pending" && r.action === "hotlist.approve") };
}

const TERMS = ["vol_jump", "turnover", "oi_delta", "funding_z", "regime_shift"];

function statusVariant(s: string) {
  return s === "approved" ? "positive" : s === "rejected" ? "negative" : s === "expired" ? "outline" : "secondary";
}

export function HotCoinsPage() {
  const { user } = useAuth();
  const admin = hasRole(user, "admin");
  const trader = hasRole(user, "trader");
  const { data, error, reload } = useApi(loadHotlist, [], 10000);
  const [asOf, setAsOf] = useState("");
  const [notice, setNotice] = useState("");
  const [actionError, setActionError] = useState<unknown>();
  const run = async (f: () => Promise<void>) => {
    setActionError(undefined);
    setNotice("");
    try {
      await f();
    } catch (e) {
      setActionError(e);
    }
    reload();
  };
  const scan = () =>
    run(async () => {
      const s = await call<Scan>("POST", "/api/v1/hotlist/scan", asOf.trim() ? { ts: asOf.trim() } : {});
      setNotice(`Scanned ${s.scored} symbols as of ${formatTime(s.ts)}.`);
    });
  const decide = (coin: Coin, verdict: "approve" | "reject") =>
    run(async () => {
      const d = await call<Decision>("POST", `/api/v1/hotlist/${verdict}`, {
        ts: String(data?.scan.ts_ms),
        symbol: coin.symbol,
        reason: `${verdict} from the dashboard`,
      });
      setNotice(
        d.status === "pending_approval"
          ? `${coin.symbol}: filed for four-eyes approval (${d.approval_id}); another admin approves it below.`
          : `${coin.symbol}: ${d.status}${d.status === "approved" ? " — now in the whitelist" : ""}.`,
      );
    });
  const approveRequest = (id: string, verdict: "approve" | "reject") =>
    run(async () => {
      await unwrap(
        api.POST(`/api/v1/approvals/{request_id}/${verdict}` as "/api/v1/approvals/{request_id}/approve", {
          params: { path: { request_id: id } },
          body: { reason: `${verdict} from the dashboard` },
        }),
      );
    });
  if (!data) return error ? <ErrorText error={error} /> : <p className="text-sm text-muted-foreground">Loading…</p>;
  const { scan: s, whitelist, pending } = data;
  return (
    <div>
      <PageTitle title="Hot coins">
        <span className="text-xs text-muted-foreground">
          S = w1·VolJump + w2·Turnover + w3·|OIΔ| + w4·|FundingZ| + w5·RegimeShift · nothing trades until approved
        </span>
      </PageTitle>
      <Section
        title={s.ts ? `Ranking as of ${formatTime(s.ts)}` : "Ranking"}
        description={
          s.ts
            ? `${s.scored} symbols scored; market fear/greed ${s.market.index == null ? "—" : formatNumber(s.market.index, 1)} (${s.market.label}). A dash is a missing input (hover for why); it adds nothing to S.`
            : "No scan yet."
        }
        actions={
          trader && (
            <div className="flex items-end gap-2">
              <Label>
                As of (UTC)
                <Input value={asOf} onChange={(e) => setAsOf(e.target.value)} placeholder="2026-05-01T00:00:00Z (default: this hour)" className="w-72" />
              </Label>
              <Button onClick={scan}>Scan</Button>
            </div>
          )
        }
      >
        {notice && (
          <p className="mb-2 text-sm" role="status" data-testid="hot-notice">
            {notice}
          </p>
        )}
        <ErrorText error={actionError} />
        {s.coins.length === 0 ? (
          <Empty>No candidates.</Empty>
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="hot-table">
              <THead>
                <Tr>
                  <Th>#</Th>
                  <Th>Symbol</Th>
                  <Th className="text-right">S</Th>
                  {TERMS.map((t) => (
                    <Th key={t} className="text-right">
                      {t}
                    </Th>
                  ))}
                  <Th className="text-right">24 h range</Th>
                  <Th className="text-right">7 d range</Th>
                  <Th className="text-right">Safe lev.</Th>
                  <Th>Sentiment</Th>
                  <Th>Status</Th>
                  <Th />
                </Tr>
              </THead>
              <TBody>
                {s.coins.map((c) => (
                  <Tr key={c.symbol} data-testid="hot-row" data-symbol={c.symbol}>
                    <Td className="num">{c.rank}</Td>
                    <Td className="font-medium">{c.symbol}</Td>
                    <Td className="num text-right">{formatNumber(c.score, 3)}</Td>
                    {TERMS.map((t) => {
                      const term = c.breakdown.find((b) => b.name === t);
                      return (
                        <Td key={t} className="num text-right" title={term?.missing ?? `weight ${term?.weight}`}>
                          {term?.value == null ? "—" : formatNumber(term.value, 3)}
                        </Td>
                      );
                    })}
                    <Td className="num text-right">
                      {formatPrice(c.risk_tags.low24h)}–{formatPrice(c.risk_tags.high24h)}
                    </Td>
                    <Td className="num text-right">{formatPercent(c.risk_tags.range7d_pct)}</Td>
                    <Td className="num text-right">{c.risk_tags.safe_leverage == null ? "—" : `${c.risk_tags.safe_leverage}×`}</Td>
                    <Td>
                      {c.risk_tags.sentiment.label}
                      {c.risk_tags.sentiment.index != null && ` (${formatNumber(c.risk_tags.sentiment.index, 0)})`}
                    </Td>
                    <Td>
                      <Badge variant={statusVariant(c.status)} title={c.reason ?? undefined}>
                        {c.status}
                      </Badge>
                    </Td>
                    <Td className="flex gap-1">
                      {admin && c.status === "candidate" && (
                        <>
                          <Button size="sm" onClick={() => decide(c, "approve")} aria-label={`Approve ${c.symbol}`}>
                            Approve
                          </Button>
                          <Button size="sm" variant="outline" onClick={() => decide(c, "reject")} aria-label={`Reject ${c.symbol}`}>
                            Reject
                          </Button>
                        </>
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </Section>
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="Four-eyes approvals" description="An approval needs a second admin (the requester cannot approve).">
          {pending.length === 0 ? (
            <Empty>No pending hot-coin approvals.</Empty>
          ) : (
            <Table data-testid="hot-approvals">
              <THead>
                <Tr>
                  <Th>Request</Th>
                  <Th>Requester</Th>
                  <Th>Requested</Th>
                  <Th />
                </Tr>
              </THead>
              <TBody>
                {pending.map((r) => (
                  <Tr key={r.request_id}>
                    <Td className="font-mono text-xs" title={r.payload}>
                      {r.request_id}
                    </Td>
                    <Td>{r.requester}</Td>
                    <Td className="num">{formatTime(r.requested_at)}</Td>
                    <Td className="flex gap-1">
                      <ApprovalButtons canAct={admin} requester={r.requester} username={user?.username} onDecide={(v) => approveRequest(r.request_id, v)} />
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </Section>
        <Section title="Whitelist" description="Approved symbols: the risk engine lets them trade beside the configured universe.">
          <ul className="text-sm" data-testid="whitelist">
            {whitelist.symbols.length === 0 ? (
              <li className="text-muted-foreground">none</li>
            ) : (
              whitelist.symbols.map((w) => (
                <li key={w.symbol}>
                  <span className="font-medium">{w.symbol}</span>{" "}
                  <span className="text-muted-foreground">
                    by {w.approved_by}, {formatTime(w.approved_at)}
                  </span>
                </li>
              ))
            )}
          </ul>
        </Section>
      </div>
    </div>
  );
}
