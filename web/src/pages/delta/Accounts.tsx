import { useState } from "react";
import type { Schemas } from "@/api/client";
import { Empty, Section } from "@/components/common";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { msToIso, parseAccounts } from "@/lib/delta";
import { formatMoney, formatNumber, formatPercent, formatPrice, formatQuantity, formatTime, signClass } from "@/lib/format";

type Metrics = Schemas["ControlRiskMetricsView"];
type State = Schemas["ControlAccountStateView"];

/** The accounts: their venue state (sync, trader) and risk metrics (utilisation, leverage, delta). */
export function Accounts(props: {
  ids: string[];
  derived: boolean;
  onIds: (ids: string[]) => void;
  metrics: (Metrics | null)[];
  sync: Schemas["ControlSyncView"] | null;
}) {
  const [text, setText] = useState(props.ids.join(", "));
  const [errors, setErrors] = useState<string[]>([]);
  // The 001 views leave empty lists out as null (e.g. errors without errors).
  const states = new Map<string, State>((props.sync?.accountStates ?? []).map((s) => [s.accountId, s]));
  const syncErrors = props.sync?.errors ?? [];
  const apply = () => {
    const { ids, errors: errs } = parseAccounts(text);
    setErrors(errs);
    if (!errs.length) props.onIds(ids);
  };
  return (
    <Section
      title="Accounts"
      description={`Read from the venues on every request. ${props.derived ? "Ids taken from the control plane's polled feeds (<account>-rest); " : ""}the API has no account list, so the ids can be set here.`}
      actions={
        <div className="flex items-end gap-2">
          <Label>
            Account ids
            <Input value={text} onChange={(e) => setText(e.target.value)} className="w-72" />
          </Label>
          <Button size="sm" variant="outline" onClick={apply}>
            Show
          </Button>
        </div>
      }
    >
      {errors.length > 0 && (
        <ul role="alert" className="mb-2 list-disc pl-5 text-sm text-negative">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {syncErrors.length > 0 && (
        <ul role="alert" className="mb-2 list-disc pl-5 text-sm text-negative">
          {syncErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {props.ids.length === 0 ? (
        <Empty>No accounts.</Empty>
      ) : (
        <Table data-testid="delta-accounts">
          <THead>
            <Tr>
              <Th>Account</Th>
              <Th>Venue</Th>
              <Th className="text-right">Wallet</Th>
              <Th className="text-right">Available</Th>
              <Th className="text-right">Net position</Th>
              <Th className="text-right">Price</Th>
              <Th className="text-right">Utilisation</Th>
              <Th className="text-right">Leverage (gross/wallet)</Th>
              <Th className="text-right">|Delta|</Th>
              <Th className="text-right">Max drawdown</Th>
              <Th>Read at</Th>
            </Tr>
          </THead>
          <TBody>
            {props.ids.map((id, i) => {
              const s = states.get(id);
              const m = props.metrics[i];
              return (
                <Tr key={id} data-account={id}>
                  <Td className="font-mono text-xs">{id}</Td>
                  <Td>{s?.exchange ?? "—"}</Td>
                  <Td className="num text-right">{formatMoney(s?.totalBalance)}</Td>
                  <Td className="num text-right">{formatMoney(s?.availableBalance)}</Td>
                  <Td className={`num text-right ${signClass(s?.netPosition)}`}>{formatQuantity(s?.netPosition)}</Td>
                  <Td className="num text-right">{formatPrice(s?.currentPrice)}</Td>
                  <Td className="num text-right" data-testid="utilization">
                    {formatPercent(m?.utilizationRate)}
                  </Td>
                  <Td className="num text-right">{formatNumber(m?.leverageRatio, 4)}</Td>
                  <Td className="num text-right">{formatQuantity(m?.deltaDeviation)}</Td>
                  <Td className="num text-right">{formatPercent(m?.maxDrawdown)}</Td>
                  <Td className="num">{formatTime(msToIso(m?.timestamp ?? s?.lastUpdated))}</Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}
      <p className="mt-2 text-xs text-muted-foreground">
        Net position and price are of each account's first configured underlying (account sync; needs the trader role). Utilisation = margin used / wallet.
      </p>
    </Section>
  );
}
