import { useState, type FormEvent } from "react";
import { api, type Schemas } from "@/api/client";
import { unwrapControl } from "@/api/control";
import { Empty, ErrorText, Section, Stat } from "@/components/common";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatMoney, formatNumber, formatPrice, formatQuantity } from "@/lib/format";
import { useAction } from "@/lib/hooks";

type View = Schemas["DeltaControlView"];

/**
 * The net delta of an underlying over the accounts and the hedge plan that would bring it to the
 * target: a dry run of delta control (nothing is journaled or sent).
 */
export function DeltaPlan({ accounts, trader }: { accounts: string[]; trader: boolean }) {
  const [form, setForm] = useState({ symbol: "BTC-USD", targetDelta: "0", maxDeviation: "0.01", tolerancePercent: "0.05" });
  const [plan, setPlan] = useState<View | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const action = useAction();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: string[] = [];
    const num = (k: keyof typeof form) => {
      const n = Number(form[k]);
      if (form[k].trim() === "" || !Number.isFinite(n)) errs.push(`${k}: must be a number`);
      return n;
    };
    const body = { symbol: form.symbol.trim(), accounts, targetDelta: num("targetDelta"), maxDeviation: num("maxDeviation"), tolerancePercent: num("tolerancePercent"), dryRun: true };
    if (!body.symbol) errs.push("symbol: required");
    if (accounts.length === 0) errs.push("accounts: at least one account");
    setErrors(errs);
    if (errs.length) return;
    void action.run(async () => {
      setPlan(await unwrapControl<View>(api.POST("/api/v1/delta/control", { body })));
    });
  };
  const h = plan?.hedgeResults; // null when nothing was planned
  const legs = h?.executedOrders ?? [];
  return (
    <Section title="Net delta and hedge plan (dry run)" description="Delta control with dryRun: the net delta read from the venues and the least-cost plan that would bring it to the target; nothing is journaled or sent.">
      {trader ? (
        <form onSubmit={submit} className="mb-3 flex flex-wrap items-end gap-2" aria-label="Delta control dry run">
          <Label>
            Underlying
            <Input value={form.symbol} onChange={set("symbol")} className="w-32" />
          </Label>
          <Label>
            Target delta
            <Input inputMode="decimal" value={form.targetDelta} onChange={set("targetDelta")} className="w-28" />
          </Label>
          <Label>
            Max deviation (units)
            <Input inputMode="decimal" value={form.maxDeviation} onChange={set("maxDeviation")} className="w-28" />
          </Label>
          <Label>
            Tolerance (of max deviation)
            <Input inputMode="decimal" value={form.tolerancePercent} onChange={set("tolerancePercent")} className="w-28" />
          </Label>
          <Button type="submit" disabled={action.busy}>
            Plan (dry run)
          </Button>
        </form>
      ) : (
        <Empty>A dry run needs the trader role.</Empty>
      )}
      {errors.length > 0 && (
        <ul role="alert" className="mb-2 list-disc pl-5 text-sm text-negative">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      <ErrorText error={action.error} />
      {plan && (
        <div data-testid="delta-plan">
          <div className="mb-3 grid grid-cols-2 gap-3 md:grid-cols-4">
            <Stat label={`Net delta (${form.symbol})`} value={formatQuantity(plan.initialDelta)} raw={plan.initialDelta} testId="net-delta" />
            <Stat label="Deviation from target" value={formatQuantity(plan.deltaDeviation)} raw={plan.deltaDeviation} />
            <Stat label="Projected delta after the plan" value={formatQuantity(plan.finalDelta)} raw={plan.finalDelta} />
            <Stat label="Adjustment needed" value={plan.adjustmentNeeded ? `yes, ${plan.totalAdjustments} leg(s)` : "no"} testId="adjustment-needed" />
          </div>
          <p className="mb-2 text-sm" role="status">
            {plan.reason || (plan.success ? "ok" : "")} {plan.error && <span className="text-negative">{plan.error}</span>} · accounts {(plan.accountsProcessed ?? []).join(", ")} · {plan.executionTime} ms
          </p>
          {!h || legs.length === 0 ? (
            <Empty>No legs: nothing to hedge.</Empty>
          ) : (
            <>
              <Table data-testid="delta-legs">
                <THead>
                  <Tr>
                    <Th>Account</Th>
                    <Th>Symbol</Th>
                    <Th>Side</Th>
                    <Th className="text-right">Amount</Th>
                    <Th className="text-right">Est. price</Th>
                    <Th className="text-right">Est. fees</Th>
                    <Th>Status</Th>
                  </Tr>
                </THead>
                <TBody>
                  {legs.map((o, i) => (
                    <Tr key={`${o.accountId}-${i}`}>
                      <Td>{o.accountId}</Td>
                      <Td>{o.symbol}</Td>
                      <Td>{o.side}</Td>
                      <Td className="num text-right">{formatQuantity(o.amount)}</Td>
                      <Td className="num text-right">{formatPrice(o.executedPrice)}</Td>
                      <Td className="num text-right">{formatMoney(o.fees)}</Td>
                      <Td>{o.status}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
              <p className="mt-2 text-xs text-muted-foreground">
                Estimated cost {formatMoney(h.totalCost)} · delta change {formatNumber(h.netDeltaChange, 8)} · slippage {formatNumber(h.slippage, 6)}
              </p>
            </>
          )}
        </div>
      )}
    </Section>
  );
}
