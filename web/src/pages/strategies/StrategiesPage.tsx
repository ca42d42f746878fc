import { useState } from "react";
import { api, unwrap, type Schemas } from "@/api/client";
import { Empty, ErrorText, PageTitle, Section } from "@/components/common";
import { ActionOutcome, ReasonDialog } from "@/components/ReasonDialog";
import { Badge, statusVariant } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hasRole, useAuth } from "@/lib/auth";
import { formatNumber, formatPercent, formatRatio, formatTime, signClass } from "@/lib/format";
import { useAction, useApi } from "@/lib/hooks";
import { Link, useRouter } from "@/lib/router";
import { HeatMapTable, type HeatColumn } from "./HeatMap";
import { StrategyDetail } from "./StrategyDetail";

type Item = Schemas["ItemV1"];
type Lifecycle = Schemas["LifecycleData"];

async function loadStrategies() {
  const [list, compare, allocation] = await Promise.all([
    unwrap<Schemas["ListV1"]>(api.GET("/api/v1/strategy/list")),
    unwrap<Schemas["CompareData"]>(api.GET("/api/v1/signals/compare")),
    unwrap<Schemas["AllocationView"]>(api.GET("/api/v1/allocation")),
  ]);
  const lifecycles = await Promise.all(
    list.strategies.map((s) =>
      unwrap<Lifecycle>(api.GET("/api/v1/strategies/{id}/versions", { params: { path: { id: s.name } } })).catch(() => null),
    ),
  );
  return { list, compare, allocation, lifecycles };
}

const HEAT: HeatColumn[] = [
  { key: "total_return", label: "Live return", better: "high", format: "percent" },
  { key: "sharpe_live", label: "Live Sharpe", better: "high", format: "number" },
  { key: "mdd_live", label: "Live max DD", better: "low", format: "percent" },
  { key: "ret30", label: "30 d return", better: "high", format: "percent" },
  { key: "sharpe30", label: "30 d Sharpe", better: "high", format: "number" },
  { key: "mdd30", label: "30 d max DD", better: "low", format: "percent" },
  { key: "turnover30", label: "30 d daily turnover", better: "low", format: "ratio" },
];

export function StrategiesPage() {
  const { path } = useRouter();
  const name = new URLSearchParams(path.split("?")[1] ?? "").get("name");
  return name ? <StrategyDetail name={name} /> : <StrategyList />;
}

function StrategyList() {
  const { user } = useAuth();
  const trader = hasRole(user, "trader");
  const { data, error, reload } = useApi(loadStrategies, [], 10000);
  const action = useAction(reload);
  const [toggle, setToggle] = useState<Item | null>(null);
  if (!data) return error ? <ErrorText error={error} /> : <p className="text-sm text-muted-foreground">Loading…</p>;
  const { list, compare, allocation, lifecycles } = data;
  const recent = new Map(compare.strategies.map((c) => [c.name, c]));
  const weights = new Map(allocation.weights.map((w) => [w.strategy, w.weight]));
  const doToggle = (s: Item, reason: string) =>
    action.run(async () => {
      const act = s.status === "active" ? "deactivate" : "activate";
      const r = await unwrap<Schemas["ToggleData"]>(
        api.POST("/api/v1/strategy/{name}/toggle", { params: { path: { name: s.name } }, body: { action: act, confirm: true, reason } }),
      );
      return `${r.name}: ${r.previous_status} → ${r.new_status} at ${formatTime(r.toggled_at)} (takes effect at its next rebalance).`;
    });
  return (
    <div>
      <PageTitle title="Strategies">
        <span className="text-xs text-muted-foreground">
          Mode {list.active_mode}
          {list.active_strategy ? ` · active: ${list.active_strategy}` : ""} · live figures from each strategy's virtual book
        </span>
      </PageTitle>
      <ActionOutcome notice={action.notice} testId="strategy-notice" />
      <ErrorText error={action.error} />
      {list.strategies.length === 0 ? (
        <Empty>No strategies configured.</Empty>
      ) : (
        <div className="mb-4 grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {list.strategies.map((s, i) => (
            <StrategyCard key={s.name} item={s} lifecycle={lifecycles[i]} recent={recent.get(s.name)?.metrics} weight={weights.get(s.name)} trader={trader} onToggle={() => setToggle(s)} />
          ))}
        </div>
      )}
      <Section
        title="PnL & risk heat map"
        description="Each cell ranked across the strategies: green good, red bad (returns and Sharpe by sign and size, drawdown and turnover by magnitude). Live: the virtual book since it started; 30 d: signals/compare's window."
      >
        <HeatMapTable
          columns={HEAT}
          rows={list.strategies.map((s) => {
            const m = recent.get(s.name)?.metrics;
            return {
              name: s.name,
              values: {
                total_return: s.performance?.total_return,
                sharpe_live: s.performance?.sharpe_live,
                mdd_live: s.performance?.mdd_live,
                ret30: m?.total_return,
                sharpe30: m?.sharpe,
                mdd30: m?.max_drawdown,
                turnover30: m?.daily_turnover,
              },
            };
          })}
        />
      </Section>
      <ReasonDialog
        open={toggle !== null}
        title={toggle ? `${toggle.status === "active" ? "Deactivate" : "Activate"} ${toggle.name}?` : ""}
        confirmLabel={toggle?.status === "active" ? "Deactivate" : "Activate"}
        destructive={toggle?.status === "active"}
        onCancel={() => setToggle(null)}
        onConfirm={(reason) => {
          const s = toggle;
          setToggle(null);
          if (s) void doToggle(s, reason);
        }}
      >
        {toggle?.status === "active"
          ? "From its next rebalance it decides no more and its share of the netted targets is zero: its positions are unwound through the one order path. Its history is kept."
          : "From its next rebalance it decides again. Single mode runs one strategy at a time."}
      </ReasonDialog>
    </div>
  );
}

function StrategyCard(props: { item: Item; lifecycle: Lifecycle | null; recent?: Schemas["CompareMetrics"]; weight?: number; trader: boolean; onToggle: () => void }) {
  const { item: s, lifecycle: lc, recent: m } = props;
  const p = s.performance;
  return (
    <Card data-testid="strategy-card" data-name={s.name}>
      <CardHeader className="flex-row items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col gap-1">
          <CardTitle>
            <Link href={`/strategies?name=${encodeURIComponent(s.name)}`} className="hover:underline">
              {s.display_name || s.name}
            </Link>
          </CardTitle>
          <CardDescription>
            {s.name} · pool {s.pool_name}
          </CardDescription>
        </div>
        <Badge variant={statusVariant(s.status)} data-testid="strategy-status">
          {s.status}
        </Badge>
      </CardHeader>
      <CardContent className="flex flex-col gap-2 text-sm">
        <p className="text-xs text-muted-foreground">{s.description}</p>
        <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
          <dt className="text-muted-foreground">Version (prod)</dt>
          <dd className="font-mono">{lc?.stable_version ?? "—"}</dd>
          <dt className="text-muted-foreground">Candidate</dt>
          <dd>{lc?.candidate ? `${lc.candidate.version_id} (${lc.candidate.stage})` : "none"}</dd>
          <dt className="text-muted-foreground">Features</dt>
          <dd className="truncate" title={s.required_features.join(", ")}>
            {s.required_features.join(", ") || "—"}
          </dd>
          <dt className="text-muted-foreground">Last signal</dt>
          <dd className="num">{formatTime(s.last_signal_time)}</dd>
          <dt className="text-muted-foreground">Live return</dt>
          <dd className={`num ${signClass(p?.total_return)}`} data-testid="live-return" data-value={p?.total_return ?? ""}>
            {p ? formatPercent(p.total_return, true) : "no decision yet"}
          </dd>
          <dt className="text-muted-foreground">Live Sharpe / max DD</dt>
          <dd className="num">
            {formatNumber(p?.sharpe_live, 2)} / {formatPercent(p?.mdd_live)}
          </dd>
          <dt className="text-muted-foreground">Capital weight</dt>
          <dd className="num">{formatRatio(props.weight)}</dd>
          <dt className="text-muted-foreground">30 d return / win rate</dt>
          <dd className="num">
            {formatPercent(m?.total_return, true)} / {formatRatio(m?.win_rate)}
          </dd>
        </dl>
        {props.trader && (
          <div className="flex justify-end">
            <Button size="sm" variant={s.status === "active" ? "outline" : "default"} onClick={props.onToggle} aria-label={`${s.status === "active" ? "Deactivate" : "Activate"} ${s.name}`}>
              {s.status === "active" ? "Deactivate" : "Activate"}
            </Button>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
