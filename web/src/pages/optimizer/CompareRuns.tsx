import { api, unwrap, type Schemas } from "@/api/client";
import { ErrorText, Section } from "@/components/common";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatNumber, formatPercent, signClass } from "@/lib/format";
import { useApi } from "@/lib/hooks";
import { compareRuns, type CompareRow } from "@/lib/optimizer";

const cell = (row: CompareRow, v: string) => {
  if (row.kind === "text" || row.kind === "param") return v;
  if (v === "") return "—";
  return row.kind === "ratio" ? formatPercent(Number(v)) : formatNumber(Number(v), 4);
};

/** Two runs side by side: settings, out-of-sample metrics and best parameters. */
export function CompareRuns({ a, b }: { a: string; b: string }) {
  const get = (id: string) => unwrap<Schemas["OptimizerRunView"]>(api.GET("/api/v1/optimizer/runs/{run_id}", { params: { path: { run_id: id } } }));
  const { data, error } = useApi(() => Promise.all([get(a), get(b)]), [a, b]);
  if (error) return <ErrorText error={error} />;
  if (!data) return <p className="text-sm text-muted-foreground">Loading…</p>;
  const rows = compareRuns(data[0], data[1]);
  return (
    <Section title={`Compare ${a} and ${b}`} description="Difference = second − first.">
      <Table data-testid="opt-compare">
        <THead>
          <Tr>
            <Th />
            <Th className="text-right">{a}</Th>
            <Th className="text-right">{b}</Th>
            <Th className="text-right">Difference</Th>
          </Tr>
        </THead>
        <TBody>
          {rows.map((r) => (
            <Tr key={r.label}>
              <Td className={r.kind === "param" ? "font-mono text-xs" : ""}>{r.label}</Td>
              <Td className="num text-right">{cell(r, r.a)}</Td>
              <Td className="num text-right">{cell(r, r.b)}</Td>
              <Td className={`num text-right ${signClass(r.diff)}`}>{r.diff === null ? "" : r.kind === "ratio" ? formatPercent(r.diff, true) : formatNumber(r.diff, 4)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Section>
  );
}
