import { useEffect, useState, type FormEvent } from "react";
import { api, unwrap, type Schemas } from "@/api/client";
import { ErrorText, Section } from "@/components/common";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { useAction, useApi } from "@/lib/hooks";
import { buildSpace, numericParams, type SpaceRow } from "@/lib/optimizer";

// The values ./perpetua optimize accepts (docs/optimizer.md); the API checks them again (40040).
const ALGORITHMS = ["tpe", "random", "lhs", "grid", "cmaes", "ga", "nsga2"];
const OBJECTIVES = ["calmar", "sharpe", "sortino", "cagr", "max_dd", "turnover"];

/** Configures and submits a walk-forward run; calls {@code onSubmitted} with the new run's id. */
export function RunForm({ onSubmitted }: { onSubmitted: (id: string) => void }) {
  const strategies = useApi(() => unwrap<Schemas["ListV1"]>(api.GET("/api/v1/strategy/list")));
  const [strategy, setStrategy] = useState("");
  const [form, setForm] = useState({
    objective: "calmar",
    algorithm: "tpe",
    train: "180",
    validate: "30",
    step: "30",
    anchored: false,
    trials: "100",
    seed: "7",
    start: "",
    end: "",
    refine: "0",
  });
  const [rows, setRows] = useState<SpaceRow[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const action = useAction();
  const name = strategy || strategies.data?.strategies[0]?.name || "";
  const config = useApi(
    () => (name ? unwrap<Schemas["StrategyConfigData"]>(api.GET("/api/v1/strategy/{name}/config", { params: { path: { name } } })) : Promise.resolve(null)),
    [name],
  );
  useEffect(() => {
    setRows(numericParams(config.data?.parameters as Record<string, unknown> | undefined).map((p) => ({ name: p.name, lo: "", hi: "", step: "" })));
  }, [config.data]);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const setRow = (i: number, k: keyof SpaceRow, v: string) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { space, errors: spaceErrors } = buildSpace(rows);
    const errs = [...spaceErrors];
    const int = (label: string, v: string, min: number) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) errs.push(`${label}: an integer >= ${min}`);
      return n;
    };
    const trials = int("trials", form.trials, 1);
    const seed = int("seed", form.seed, 0);
    const refine = int("refine", form.refine, 0);
    int("windows.train", form.train, 1);
    if (form.validate) int("windows.validate", form.validate, 0);
    int("windows.step", form.step, 1);
    setErrors(errs);
    if (errs.length || !name) return;
    const windows = [`train=${form.train}d`, form.validate && form.validate !== "0" ? `validate=${form.validate}d` : "", `step=${form.step}d`, form.anchored ? "anchored" : ""].filter(Boolean).join(",");
    void action.run(async () => {
      const run = await unwrap<Schemas["OptimizerRunView"]>(
        api.POST("/api/v1/optimizer/run", {
          body: {
            strategy_id: name,
            trigger: "manual",
            windows,
            objective: form.objective,
            algorithm: form.algorithm,
            space,
            trials,
            seed,
            refine,
            engine: "local",
            ...(form.start ? { start_date: form.start } : {}),
            ...(form.end ? { end_date: form.end } : {}),
          },
        }),
      );
      onSubmitted(run.run_id);
      return `Run ${run.run_id} ${run.status}.`;
    });
  };
  return (
    <Section title="New walk-forward run" description="Each fold searches its training window only, picks on the validation window and runs the choice once, unseen, forward. Without any range the whole declared space is searched on its default ranges; with ranges only those parameters are searched and the others keep their configured values.">
      <form onSubmit={submit} className="flex flex-col gap-3" aria-label="New optimisation run">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-6">
          <Label>
            Strategy
            <Select value={name} onChange={(e) => setStrategy(e.target.value)}>
              {strategies.data?.strategies.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </Select>
          </Label>
          <Label>
            Objective
            <Input value={form.objective} onChange={set("objective")} list="objectives" />
            <datalist id="objectives">
              {OBJECTIVES.map((o) => (
                <option key={o} value={o} />
              ))}
            </datalist>
          </Label>
          <Label>
            Algorithm
            <Select value={form.algorithm} onChange={set("algorithm")}>
              {ALGORITHMS.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </Select>
          </Label>
          <Label>
            Trials per fold
            <Input inputMode="numeric" value={form.trials} onChange={set("trials")} />
          </Label>
          <Label>
            Seed
            <Input inputMode="numeric" value={form.seed} onChange={set("seed")} />
          </Label>
          <Label>
            Refine (Nelder–Mead trials)
            <Input inputMode="numeric" value={form.refine} onChange={set("refine")} />
          </Label>
          <Label>
            Train window (days)
            <Input inputMode="numeric" value={form.train} onChange={set("train")} />
          </Label>
          <Label>
            Validation window (days, 0: none)
            <Input inputMode="numeric" value={form.validate} onChange={set("validate")} />
          </Label>
          <Label>
            Step / forward window (days)
            <Input inputMode="numeric" value={form.step} onChange={set("step")} />
          </Label>
          <Label>
            Start date (default: the data's)
            <Input type="date" value={form.start} onChange={set("start")} />
          </Label>
          <Label>
            End date
            <Input type="date" value={form.end} onChange={set("end")} />
          </Label>
          <label className="flex items-center gap-2 self-end pb-2 text-xs font-medium">
            <input type="checkbox" checked={form.anchored} onChange={(e) => setForm((f) => ({ ...f, anchored: e.target.checked }))} />
            Anchored training window
          </label>
        </div>
        {rows.length > 0 && (
          <Table aria-label="Search space">
            <THead>
              <Tr>
                <Th>Parameter (numeric, of the configuration)</Th>
                <Th>In force</Th>
                <Th>From</Th>
                <Th>To</Th>
                <Th>Step</Th>
              </Tr>
            </THead>
            <TBody>
              {rows.map((r, i) => (
                <Tr key={r.name}>
                  <Td className="font-mono text-xs">{r.name}</Td>
                  <Td className="num text-xs">{String((config.data?.parameters as Record<string, unknown>)?.[r.name] ?? "—")}</Td>
                  {(["lo", "hi", "step"] as const).map((k) => (
                    <Td key={k}>
                      <Input aria-label={`${r.name} ${k === "lo" ? "from" : k === "hi" ? "to" : "step"}`} value={r[k]} onChange={(e) => setRow(i, k, e.target.value)} className="h-8 w-24" />
                    </Td>
                  ))}
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
        <p className="text-xs text-muted-foreground">
          The API does not serve the declared parameters and their ranges yet, so only the numeric parameters of the configuration are offered here (the feature weights, for one, are declared but not listed); a range outside the declaration is refused naming the parameter.
        </p>
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={action.busy || !name}>
            Start run
          </Button>
          {action.notice && (
            <span role="status" className="text-sm">
              {action.notice}
            </span>
          )}
        </div>
        {errors.length > 0 && (
          <ul role="alert" className="list-disc pl-5 text-sm text-negative">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
        <ErrorText error={action.error ?? strategies.error} />
      </form>
    </Section>
  );
}
