import { useState } from "react";
import { api, getToken, unwrap, type Schemas } from "@/api/client";
import { unwrapControl } from "@/api/control";
import { Empty, ErrorText, PageTitle, Section } from "@/components/common";
import { Badge, statusVariant } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { hasRole, useAuth } from "@/lib/auth";
import { accountsFromFeeds, mergeAlerts, msToIso, type ControlAlert } from "@/lib/delta";
import { formatDuration, formatNumber, formatTime } from "@/lib/format";
import { useApi } from "@/lib/hooks";
import { Accounts } from "./Accounts";
import { CarrySection } from "./Carry";
import { DeltaPlan } from "./DeltaPlan";
import { Feeds } from "./Feeds";

const ACCOUNTS_KEY = "perpetua.delta.accounts";

/** The 001 alerts (an array in the 000 envelope; the generated type is the 000 list's). */
async function controlAlerts(): Promise<ControlAlert[]> {
  const one = async (severity: string) => {
    const r = await fetch(`/api/v1/risk/alerts?severity=${severity}`, { headers: { Authorization: `Bearer ${getToken() ?? ""}` } });
    const j = await r.json().catch(() => ({}));
    return r.ok && Array.isArray(j.data) ? (j.data as ControlAlert[]) : [];
  };
  return mergeAlerts(await Promise.all(["INFO", "WARN", "CRITICAL"].map(one)));
}

async function loadDelta(chosen: string[] | null, trader: boolean) {
  const status = await unwrap<Schemas["Status"]>(api.GET("/api/v1/system/status"));
  const plane = status.control_plane;
  if (!plane) return { plane: null };
  const feeds = await unwrapControl<Schemas["ControlFeedsView"]>(api.GET("/api/v1/market-data/feeds")).catch(() => null);
  const ids = chosen ?? accountsFromFeeds((feeds?.feeds ?? []).map((f) => f.feedId));
  const [metrics, sync, alerts] = await Promise.all([
    Promise.all(
      ids.map((id) => unwrapControl<Schemas["ControlRiskMetricsView"]>(api.GET("/api/v1/risk/metrics/{account_id}", { params: { path: { account_id: id } } })).catch(() => null)),
    ),
    trader && ids.length ? unwrapControl<Schemas["ControlSyncView"]>(api.POST("/api/v1/account/sync", { body: { accounts: ids } })) : Promise.resolve(null),
    controlAlerts(),
  ]);
  return { plane, feeds, ids, derived: chosen === null, metrics, sync, alerts };
}

function savedAccounts(): string[] | null {
  const s = localStorage.getItem(ACCOUNTS_KEY);
  return s ? s.split(",").filter(Boolean) : null;
}

export function DeltaNeutralPage() {
  const { user } = useAuth();
  const trader = hasRole(user, "trader");
  const [chosen, setChosen] = useState<string[] | null>(savedAccounts);
  const { data, error, reload } = useApi(() => loadDelta(chosen, trader), [chosen?.join(","), trader], 10000);
  const choose = (ids: string[]) => {
    localStorage.setItem(ACCOUNTS_KEY, ids.join(","));
    setChosen(ids);
  };
  return (
    <div>
      <PageTitle title="Delta-neutral">
        <span className="text-xs text-muted-foreground">The control plane (spec 001): accounts across venues, net delta, hedges, feeds</span>
      </PageTitle>
      <ErrorText error={error} />
      {!data ? (
        !error && <p className="text-sm text-muted-foreground">Loading…</p>
      ) : !data.plane ? (
        <Card data-testid="control-off">
          <CardHeader>
            <CardTitle>Control plane not configured</CardTitle>
          </CardHeader>
          <CardContent className="text-sm text-muted-foreground">
            The platform runs without control-plane accounts (the <code>control.accounts</code> section of the configuration; docs/control-plane.md), so there are no accounts, feeds or hedges to show.
          </CardContent>
        </Card>
      ) : (
        <>
          <Section title="Control plane" description={`Up ${formatDuration(data.plane.uptime / 1000)} · ${data.plane.activeAccounts} accounts · ${data.plane.totalOperations} operations · avg ${formatNumber(data.plane.performance.avgResponseTime, 1)} ms`}>
            <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="control-status">
              <Badge variant={statusVariant(data.plane.status)}>{data.plane.status}</Badge>
              {(data.plane.services ?? []).map((s) => (
                <span key={s.name} className="text-xs">
                  {s.name}: <Badge variant={statusVariant(s.status)}>{s.status}</Badge> ({s.errorCount} errors, heartbeat {formatTime(msToIso(s.lastHeartbeat))})
                </span>
              ))}
            </div>
          </Section>
          <Accounts key={data.ids.join(",")} ids={data.ids} derived={data.derived} onIds={choose} metrics={data.metrics} sync={data.sync} />
          <DeltaPlan accounts={data.ids} trader={trader} />
          <div className="grid gap-4 xl:grid-cols-2">
            <Feeds feeds={data.feeds} trader={trader} reload={reload} />
            <Section title="Risk alerts" description="The control plane's alerts (delta, utilisation, failover, proxy), newest first.">
              {data.alerts.length === 0 ? (
                <Empty>No alerts.</Empty>
              ) : (
                <Table data-testid="delta-alerts">
                  <THead>
                    <Tr>
                      <Th>When</Th>
                      <Th>Severity</Th>
                      <Th>Type</Th>
                      <Th>Account</Th>
                      <Th>Message</Th>
                    </Tr>
                  </THead>
                  <TBody>
                    {data.alerts.map((a) => (
                      <Tr key={a.id}>
                        <Td className="num">{formatTime(msToIso(a.timestamp))}</Td>
                        <Td>
                          <Badge variant={a.severity === "CRITICAL" ? "negative" : a.severity === "WARN" ? "warning" : "outline"}>{a.severity}</Badge>
                        </Td>
                        <Td className="text-xs">{a.type}</Td>
                        <Td className="text-xs">{a.accountId ?? "—"}</Td>
                        <Td className="text-xs">{a.message}</Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              )}
            </Section>
          </div>
        </>
      )}
      <CarrySection trader={trader} admin={hasRole(user, "admin")} />
    </div>
  );
}
