import { useState } from "react";
import { api, unwrap, type Schemas } from "@/api/client";
import { Empty, ErrorText, NotAvailable, PageTitle, Section } from "@/components/common";
import { LazyLineChart as LineChart } from "@/components/LazyChart";
import { Badge, statusVariant } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { hasRole, useAuth } from "@/lib/auth";
import { toSeries } from "@/lib/chart-data";
import { formatMoney, formatNumber, formatPercent, formatPrice, formatQuantity, formatSignedMoney, formatTime, signClass } from "@/lib/format";
import { useApi } from "@/lib/hooks";

async function loadFlow() {
  const [strategies, summary, signals] = await Promise.all([
    unwrap<Schemas["FlowStrategyList"]>(api.GET("/api/v1/flow/strategies")),
    unwrap<Schemas["FlowSummary"]>(api.GET("/api/v1/flow/paper/summary")),
    unwrap<Schemas["FlowSignalList"]>(api.GET("/api/v1/flow/signals/latest")),
  ]);
  return { strategies, summary, signals };
}

function StrategyDetail({ id }: { id: string }) {
  const { data, error } = useApi(async () => {
    const [equity, indicators, trades] = await Promise.all([
      unwrap<Schemas["FlowEquity"]>(api.GET("/api/v1/flow/paper/equity", { params: { query: { strategy_id: id } } })),
      unwrap<Schemas["FlowIndicatorSeries"]>(api.GET("/api/v1/flow/indicators", { params: { query: { strategy_id: id } } })),
      unwrap<Schemas["FlowTradePage"]>(api.GET("/api/v1/flow/paper/trades", { params: { query: { strategy_id: id } } })),
    ]);
    return { equity, indicators, trades };
  }, [id]);
  if (error) return <ErrorText error={error} />;
  if (!data) return <p className="text-sm text-muted-foreground">Loading…</p>;
  const price = toSeries(data.indicators.points, (p) => p.time, (p) => p.price);
  const score = toSeries(data.indicators.points, (p) => p.time, (p) => p.score);
  const equity = toSeries(data.equity.points, (p) => p.time, (p) => p.equity);
  return (
    <Section title={`${id} · ${data.indicators.symbol}`} description="Evaluations of the paper engine (tick replay).">
      <div className="grid gap-3 lg:grid-cols-3">
        <div>
          <h3 className="mb-1 text-xs font-medium text-muted-foreground">Price at each evaluation</h3>
          {price.length ? <LineChart data={price} label="Price" height={200} /> : <Empty>No evaluations yet.</Empty>}
        </div>
        <div>
          <h3 className="mb-1 text-xs font-medium text-muted-foreground">Score (0–100)</h3>
          {score.length ? <LineChart data={score} label="Score" height={200} /> : <Empty>No evaluations yet.</Empty>}
        </div>
        <div>
          <h3 className="mb-1 text-xs font-medium text-muted-foreground">Paper equity (USDT)</h3>
          {equity.length ? <LineChart data={equity} label="Paper equity" height={200} /> : <Empty>No closed trades yet.</Empty>}
        </div>
      </div>
      <h3 className="mt-3 mb-1 text-sm font-medium">Closed paper trades</h3>
      {data.trades.items.length === 0 ? (
        <Empty>No closed trades.</Empty>
      ) : (
        <Table>
          <THead>
            <Tr>
              <Th>Entry</Th>
              <Th>Exit</Th>
              <Th>Direction</Th>
              <Th>Result</Th>
              <Th className="text-right">Entry price</Th>
              <Th className="text-right">Exit price</Th>
              <Th className="text-right">Quantity</Th>
              <Th className="text-right">PnL</Th>
              <Th className="text-right">R</Th>
            </Tr>
          </THead>
          <TBody>
            {data.trades.items.map((t) => (
              <Tr key={t.trade_id}>
                <Td className="num">{formatTime(t.entry_time)}</Td>
                <Td className="num">{formatTime(t.exit_time)}</Td>
                <Td>{t.direction}</Td>
                <Td>{t.result}</Td>
                <Td className="num text-right">{formatPrice(t.entry_price)}</Td>
                <Td className="num text-right">{formatPrice(t.exit_price)}</Td>
                <Td className="num text-right">{formatQuantity(t.quantity)}</Td>
                <Td className={`num text-right ${signClass(t.pnl)}`}>{formatSignedMoney(t.pnl)}</Td>
                <Td className="num text-right">{formatNumber(t.pnl_r, 4)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Section>
  );
}

export function FlowPage() {
  const { user } = useAuth();
  const { data, error, reload } = useApi(loadFlow, [], 5000);
  const [selected, setSelected] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>();
  const act = async (id: string, verb: "pause" | "resume") => {
    setActionError(undefined);
    try {
      await unwrap(api.POST(`/api/v1/flow/strategies/{strategy_id}/${verb}` as "/api/v1/flow/strategies/{strategy_id}/pause", { params: { path: { strategy_id: id } } }));
    } catch (e) {
      setActionError(e);
    }
    reload();
  };
  if (!data) return error ? <ErrorText error={error} /> : <p className="text-sm text-muted-foreground">Loading…</p>;
  const { strategies, summary, signals } = data;
  const current = selected ?? strategies.items[0]?.strategy_id ?? null;
  const stats = new Map(summary.strategies.map((s) => [s.strategy_id, s]));
  return (
    <div>
      <PageTitle title="Order flow">
        <span className="text-xs text-muted-foreground">
          {summary.engine_instance}: {formatNumber(summary.ticks_processed, 0)} ticks, last {formatTime(summary.last_tick_time)}
        </span>
      </PageTitle>
      <Section title="Flow strategies">
        <ErrorText error={actionError} />
        {strategies.items.length === 0 ? (
          <Empty>No flow strategies.</Empty>
        ) : (
          <Table data-testid="flow-strategies">
            <THead>
              <Tr>
                <Th>Strategy</Th>
                <Th>Symbol</Th>
                <Th>Status</Th>
                <Th className="text-right">Balance</Th>
                <Th className="text-right">Trades</Th>
                <Th className="text-right">Win rate</Th>
                <Th className="text-right">Net PnL</Th>
                <Th />
              </Tr>
            </THead>
            <TBody>
              {strategies.items.map((s) => {
                const st = stats.get(s.strategy_id);
                return (
                  <Tr key={s.strategy_id}>
                    <Td>
                      <button className="underline" onClick={() => setSelected(s.strategy_id)}>
                        {s.display_name}
                      </button>{" "}
                      <span className="text-xs text-muted-foreground">v{s.version}</span>
                    </Td>
                    <Td>{s.symbol}</Td>
                    <Td>
                      <Badge variant={statusVariant(s.status)}>{s.status}</Badge>
                    </Td>
                    <Td className="num text-right">{formatMoney(s.balance)}</Td>
                    <Td className="num text-right">{st ? st.trades : "—"}</Td>
                    <Td className="num text-right">{formatPercent(st?.win_rate)}</Td>
                    <Td className={`num text-right ${signClass(st?.net_pnl)}`}>{formatSignedMoney(st?.net_pnl)}</Td>
                    <Td>
                      {hasRole(user, "trader") && s.status === "running" && (
                        <Button size="sm" variant="outline" onClick={() => act(s.strategy_id, "pause")}>
                          Pause
                        </Button>
                      )}
                      {hasRole(user, "trader") && s.status === "paused" && (
                        <Button size="sm" variant="outline" onClick={() => act(s.strategy_id, "resume")}>
                          Resume
                        </Button>
                      )}
                    </Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
        )}
      </Section>
      {current && <StrategyDetail id={current} />}
      <Section title="Latest signals" description="Per strategy and symbol, with the factor breakdown of the score.">
        {signals.items.length === 0 ? (
          <Empty>No signals yet.</Empty>
        ) : (
          <Table>
            <THead>
              <Tr>
                <Th>Time</Th>
                <Th>Strategy</Th>
                <Th>Symbol</Th>
                <Th className="text-right">Score</Th>
                <Th>Direction</Th>
                <Th>Gate</Th>
                <Th>Factors</Th>
              </Tr>
            </THead>
            <TBody>
              {signals.items.map((s) => (
                <Tr key={s.evaluation_id}>
                  <Td className="num">{formatTime(s.time)}</Td>
                  <Td>{s.strategy_id}</Td>
                  <Td>{s.symbol}</Td>
                  <Td className="num text-right">{formatNumber(s.score, 2)}</Td>
                  <Td>{s.direction}</Td>
                  <Td>{s.gate_passed ? (s.block_reason ? `blocked: ${s.block_reason}` : "passed") : `closed: ${s.block_reason ?? ""}`}</Td>
                  <Td className="text-xs">
                    {Object.entries(s.factors ?? {})
                      .filter(([k]) => !k.includes(".") && k !== "score")
                      .map(([k, v]) => `${k} ${formatNumber(v as number, 2)}`)
                      .join(" · ")}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Section>
      <NotAvailable what="The candle chart with a range selection synced to a trade heat map (time × price bucket × volume), range summaries and range annotations." issue="orderflow-and-arbitrage §8" />
    </div>
  );
}
