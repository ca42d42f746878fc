import { NotAvailable, PageTitle } from "@/components/common";

export function StrategiesPage() {
  return (
    <div>
      <PageTitle title="Strategies" />
      <NotAvailable what="Strategy cards (type, version, stage, recent performance, live PnL), start/stop, the PnL & risk heat map and the detail page with parameters and change requests." />
    </div>
  );
}

export function OptimizerPage() {
  return (
    <div>
      <PageTitle title="Optimizer lab" />
      <NotAvailable what="Walk-forward runs (space, objective, windows, algorithm), progress, results, sensitivity heat map, optimisation curve, Pareto front, folds, DSR/PBO." />
    </div>
  );
}

export function DeltaNeutralPage() {
  return (
    <div>
      <PageTitle title="Delta-neutral" />
      <NotAvailable what="Accounts, net delta, utilisation, hedges, feeds and failover, and the carry state machine with its confirmations." />
    </div>
  );
}
