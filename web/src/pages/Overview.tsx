import { api, unwrap, type Schemas } from "@/api/client";
import { Empty, ErrorText, PageTitle, Section, Stat } from "@/components/common";
import { LazyLineChart as LineChart } from "@/components/LazyChart";
import { Badge, statusVariant } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { riskLight, toSeries } from "@/lib/chart-data";
import { formatMoney, formatPercent, formatSignedMoney, formatTime, signClass } from "@/lib/format";
import { useApi, useStream } from "@/lib/hooks";

const POLL_MS = 5000;

/** A read that answers 40401 before the first snapshot: shown as "not yet" instead of an error. */
async function optional<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if ((e as { code?: number }).code === 40401) return null;
    throw e;
  }
}

/** The balance first, on its own: the equity figure paints as soon as it arrives. */
async function loadBalance() {
  return optional(unwrap<Schemas["Balance"]>(api.GET("/api/v1/account/balance")));
}

async function loadFigures() {
  const [pnl, drawdown] = await Promise.all([
    optional(unwrap<Schemas["PnlData"]>(api.GET("/api/v1/portfolio/pnl"))),
    optional(unwrap<Schemas["DrawdownData"]>(api.GET("/api/v1/portfolio/drawdown"))),
  ]);
  return { pnl, drawdown };
}

async function loadStatus() {
  const [risk, flow] = await Promise.all([
    unwrap<Schemas["StatusData"]>(api.GET("/api/v1/risk/status")),
    unwrap<Schemas["FlowStrategyList"]>(api.GET("/api/v1/flow/strategies")),
  ]);
  return { risk, flow };
}

async function loadDetails() {
  const [nav, alerts, health, pipeline] = await Promise.all([
    optional(unwrap<Schemas["NavData"]>(api.GET("/api/v1/portfolio/nav"))),
    unwrap<Schemas["AlertList"]>(api.GET("/api/v1/risk/alerts")),
    unwrap<Schemas["Health"]>(api.GET("/api/v1/health")),
    unwrap<Schemas["Pipeline"]>(api.GET("/api/v1/health/pipeline")),
  ]);
  return { nav, alerts, health, pipeline };
}

const LIGHT = { green: "bg-green-500", yellow: "bg-yellow-400", red: "bg-red-500" };

export function OverviewPage() {
  const account = useApi(loadBalance, [], POLL_MS);
  const figures = useApi(loadFigures, [], POLL_MS);
  const status = useApi(loadStatus, [], POLL_MS);
  const details = useApi(loadDetails, [], POLL_MS);
  // An alert changes the risk state and the alert list: those reload at once, the rest polls.
  const live = useStream("alerts", () => {
    status.reload();
    details.reload();
  });
  const error = account.error ?? figures.error ?? status.error ?? details.error;
  if (account.loading && account.data === undefined) {
    return <>{error ? <ErrorText error={error} /> : <p className="text-sm text-muted-foreground">Loading…</p>}</>;
  }
  const balance = account.data ?? null;
  const pnl = figures.data?.pnl;
  const drawdown = figures.data?.drawdown;
  const risk = status.data?.risk;
  const flow = status.data?.flow;
  const days = pnl?.daily_pnl ?? [];
  const today = days.at(-1);
  const yesterday = days.at(-2);
  const light = risk ? riskLight(risk) : null;
  const open = details.data?.alerts.items.filter((a) => !a.resolved) ?? [];
  const running = flow ? flow.items.filter((s) => s.status === "running") : null;
  const navSeries = toSeries(details.data?.nav?.datapoints, (p) => p.timestamp, (p) => p.nav);
  const health = details.data?.health;
  const stages = details.data?.pipeline.stages ?? [];
  return (
    <div>
      <PageTitle title="Overview">
        <span className="text-xs text-muted-foreground" data-testid="as-of" data-updated={balance?.updated_at ?? ""}>
          Account as of {formatTime(balance?.updated_at)} (kernel time) · alerts stream {live ? "connected" : "connecting"}
        </span>
      </PageTitle>
      <ErrorText error={error} />
      <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-3 xl:grid-cols-6">
        <Stat label="Equity" testId="equity" raw={balance?.total_equity} value={formatMoney(balance?.total_equity, balance?.currency)} />
        <Stat
          label={`Today's PnL${today ? ` (${today.date})` : ""}`}
          testId="pnl-today"
          raw={today?.pnl}
          className={signClass(today?.pnl)}
          value={formatSignedMoney(today?.pnl)}
          sub={today && formatPercent(today.pnl_pct, true)}
        />
        <Stat
          label={`Yesterday's PnL${yesterday ? ` (${yesterday.date})` : ""}`}
          testId="pnl-yesterday"
          raw={yesterday?.pnl}
          className={signClass(yesterday?.pnl)}
          value={formatSignedMoney(yesterday?.pnl)}
          sub={yesterday && formatPercent(yesterday.pnl_pct, true)}
        />
        <Stat
          label="Drawdown (current)"
          testId="drawdown"
          raw={drawdown?.current_drawdown}
          value={formatPercent(drawdown?.current_drawdown)}
          sub={drawdown && `max ${formatPercent(drawdown.max_drawdown)}`}
        />
        <Stat
          label="Running strategies"
          testId="running"
          raw={running?.length}
          value={running ? String(running.length) : "…"}
          sub="order-flow factory"
        />
        <Stat
          label="Risk light"
          testId="risk-light"
          value={light ?? "…"}
          sub={
            risk &&
            light && (
              <span className="inline-flex items-center gap-1">
                <span aria-hidden className={`inline-block size-3 rounded-full ${LIGHT[light]}`} />
                {risk.emergency_stop ? "emergency stop" : risk.trading_enabled ? "trading enabled" : "trading halted"}
              </span>
            )
          }
        />
      </div>
      <Section title="Equity (NAV)" description="Daily NAV of the paper account from /portfolio/nav.">
        {navSeries.length > 0 ? (
          <LineChart data={navSeries} label="NAV" testId="nav-chart" />
        ) : (
          <Empty>{details.data ? "No portfolio snapshot yet." : "Loading…"}</Empty>
        )}
      </Section>
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title={`Open alerts (${open.length})`} description="Unresolved alerts among the latest 20.">
          {open.length === 0 ? (
            <Empty>No open alerts.</Empty>
          ) : (
            <ul className="flex flex-col gap-1 text-sm" data-testid="alerts">
              {open.map((a) => (
                <li key={a.alert_id} className="flex gap-2">
                  <Badge variant={a.severity === "critical" ? "negative" : "warning"}>{a.severity}</Badge>
                  <span>{a.message}</span>
                  <span className="ml-auto shrink-0 text-xs text-muted-foreground">{formatTime(a.timestamp)}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title="Pipeline health">
          <p className="mb-2 text-sm">
            Platform: <Badge variant={statusVariant(health?.overall_status)}>{health?.overall_status ?? "…"}</Badge>
          </p>
          <Table>
            <THead>
              <Tr>
                <Th>Service / stage</Th>
                <Th>Status</Th>
                <Th>Last heartbeat / run</Th>
              </Tr>
            </THead>
            <TBody>
              {(health?.services ?? []).map((s) => (
                <Tr key={`svc-${s.name}`}>
                  <Td>{s.name}</Td>
                  <Td>
                    <Badge variant={statusVariant(s.status)}>{s.status}</Badge>
                  </Td>
                  <Td className="num">{formatTime(s.last_heartbeat)}</Td>
                </Tr>
              ))}
              {stages.map((s) => (
                <Tr key={`stage-${s.name}`}>
                  <Td>{s.display_name}</Td>
                  <Td>
                    <Badge variant={statusVariant(s.status)}>{s.status}</Badge>
                  </Td>
                  <Td className="num">{formatTime(s.last_run)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </Section>
      </div>
    </div>
  );
}
