import { useEffect, useState, type FormEvent } from "react";
import { api, unwrap, type Schemas } from "@/api/client";
import { Empty, ErrorText, PageTitle, Section, Stat } from "@/components/common";
import { LazyLineChart as LineChart } from "@/components/LazyChart";
import { Badge, statusVariant } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { drawdownSeries, toSeries } from "@/lib/chart-data";
import { formatDuration, formatNumber, formatPercent, formatRatio, formatTime } from "@/lib/format";
import { useApi } from "@/lib/hooks";

type Result = Schemas["ResultData"];

function ResultView({ id }: { id: string }) {
  const [result, setResult] = useState<Result>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    setResult(undefined);
    const poll = async () => {
      try {
        const r = await unwrap<Result>(api.GET("/api/v1/backtest/{backtest_id}/result", { params: { path: { backtest_id: id } } }));
        if (!live) return;
        setResult(r);
        if (r.status === "running") timer = setTimeout(poll, 1000);
      } catch (e) {
        if (live) setError(e);
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id]);
  if (error) return <ErrorText error={error} />;
  if (!result) return <p className="text-sm text-muted-foreground">Loading {id}…</p>;
  const nav = toSeries(result.nav_curve, (p) => p.date, (p) => p.nav);
  const m = result.metrics;
  const a = result.activity;
  return (
    <Section
      title={`Backtest ${result.backtest_id}`}
      description={`${result.strategy_name} · ${JSON.stringify(result.parameters)}`}
      actions={
        <Badge variant={statusVariant(result.status)} data-testid="bt-status">
          {result.status}
        </Badge>
      }
    >
      {result.status === "running" && (
        <p role="status" className="text-sm">
          Running… (polled every second)
        </p>
      )}
      {result.error && <p className="text-sm text-negative">{result.error}</p>}
      {m && (
        <div className="mb-3 grid grid-cols-2 gap-3 md:grid-cols-4">
          <Stat label="Total return" value={formatPercent(m.total_return)} raw={m.total_return} />
          <Stat label="Annualised return" value={formatPercent(m.annualized_return)} />
          <Stat label="Sharpe" value={formatRatio(m.sharpe)} />
          <Stat label="Max drawdown" value={formatPercent(m.max_drawdown)} />
          <Stat label="Calmar" value={formatRatio(m.calmar)} />
          <Stat label="Average turnover" value={formatRatio(m.avg_turnover)} />
          <Stat label="Trades" value={formatNumber(m.total_trades, 0)} />
          <Stat label="Win rate" value={formatPercent(m.win_rate)} />
        </div>
      )}
      {nav.length > 0 && (
        <div className="grid gap-3 lg:grid-cols-2">
          <div>
            <h3 className="mb-1 text-xs font-medium text-muted-foreground">Equity (NAV, USDT)</h3>
            <LineChart data={nav} label="Backtest equity" testId="bt-equity-chart" />
          </div>
          <div>
            <h3 className="mb-1 text-xs font-medium text-muted-foreground">Drawdown (ratio to the running peak)</h3>
            <LineChart data={drawdownSeries(nav)} label="Backtest drawdown" negative />
          </div>
        </div>
      )}
      {a && (
        <p className="mt-2 text-xs text-muted-foreground">
          {a.rebalances} rebalances, {a.orders_sent} orders, {a.fills} fills, {a.orders_rejected} rejected
          {a.skipped_symbols.length > 0 && ` · skipped: ${a.skipped_symbols.map((s) => `${s.symbol} (${s.reason})`).join(", ")}`}
          {a.idle_reason && ` · idle: ${a.idle_reason}`} · ran {formatDuration(result.execution_time_seconds)}. Costs: fee_bps as
          submitted (default 10 bps); results are on the bars in the catalog.
        </p>
      )}
    </Section>
  );
}

export function BacktestsPage() {
  const history = useApi(() => unwrap<Schemas["History"]>(api.GET("/api/v1/backtest/history")), [], 5000);
  const [selected, setSelected] = useState<string | null>(null);
  const [form, setForm] = useState({ strategy_name: "baseline_rev", start_date: "2026-03-01", end_date: "2026-04-01", fee_bps: "10", rebalance_days: "1", data_source: "dollar_bar", parameters: "{}" });
  const [error, setError] = useState<unknown>();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      let parameters: Record<string, unknown>;
      try {
        parameters = JSON.parse(form.parameters || "{}");
      } catch {
        throw new Error("Parameters: not valid JSON");
      }
      const body = {
        strategy_name: form.strategy_name,
        start_date: form.start_date,
        end_date: form.end_date,
        fee_bps: Number(form.fee_bps),
        rebalance_days: Number(form.rebalance_days),
        data_source: form.data_source,
        parameters,
      };
      const r = await unwrap<Schemas["RunAccepted"]>(api.POST("/api/v1/backtest/run", { body }));
      setSelected(r.backtest_id);
      history.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div>
      <PageTitle title="Backtests" />
      <Section title="Submit" description="The same kernel as paper trading, on the catalog's bars (POST /api/v1/backtest/run).">
        <form onSubmit={submit} className="grid grid-cols-2 gap-3 md:grid-cols-4" aria-label="Submit a backtest">
          <Label>
            Strategy
            <Input name="strategy_name" value={form.strategy_name} onChange={set("strategy_name")} required />
          </Label>
          <Label>
            Start date
            <Input name="start_date" type="date" value={form.start_date} onChange={set("start_date")} required />
          </Label>
          <Label>
            End date
            <Input name="end_date" type="date" value={form.end_date} onChange={set("end_date")} required />
          </Label>
          <Label>
            Data source
            <Select name="data_source" value={form.data_source} onChange={set("data_source")}>
              <option value="dollar_bar">dollar_bar</option>
              <option value="kline">kline</option>
            </Select>
          </Label>
          <Label>
            Fee (bps)
            <Input name="fee_bps" type="number" min={0} value={form.fee_bps} onChange={set("fee_bps")} />
          </Label>
          <Label>
            Rebalance every (days)
            <Input name="rebalance_days" type="number" min={1} value={form.rebalance_days} onChange={set("rebalance_days")} />
          </Label>
          <Label className="col-span-2">
            Parameters (JSON)
            <Input name="parameters" value={form.parameters} onChange={set("parameters")} />
          </Label>
          <div className="col-span-2 flex items-center gap-3 md:col-span-4">
            <Button type="submit">Run backtest</Button>
            <ErrorText error={error} />
          </div>
        </form>
      </Section>
      {selected && <ResultView id={selected} />}
      <Section title="History">
        <ErrorText error={history.error} />
        {history.data && history.data.backtests.length === 0 && <Empty>No backtests yet.</Empty>}
        {history.data && history.data.backtests.length > 0 && (
          <Table data-testid="bt-history">
            <THead>
              <Tr>
                <Th>Id</Th>
                <Th>Strategy</Th>
                <Th>Status</Th>
                <Th className="text-right">Sharpe</Th>
                <Th className="text-right">Max drawdown</Th>
                <Th>Submitted</Th>
              </Tr>
            </THead>
            <TBody>
              {history.data.backtests.map((b) => (
                <Tr key={b.backtest_id}>
                  <Td>
                    <button className="font-mono text-xs underline" onClick={() => setSelected(b.backtest_id)}>
                      {b.backtest_id}
                    </button>
                  </Td>
                  <Td>{b.strategy_name}</Td>
                  <Td>
                    <Badge variant={statusVariant(b.status)}>{b.status}</Badge>
                  </Td>
                  <Td className="num text-right">{formatRatio(b.sharpe)}</Td>
                  <Td className="num text-right">{formatPercent(b.max_drawdown)}</Td>
                  <Td className="num">{formatTime(b.submitted_at)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Section>
    </div>
  );
}
