import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatNumber, formatPercent, formatRatio } from "@/lib/format";
import { heatColor, heatMap, type HeatMetric } from "@/lib/strategies";

export interface HeatRow {
  name: string;
  values: Record<string, number | null | undefined>;
}

export interface HeatColumn extends HeatMetric {
  format: "percent" | "number" | "ratio";
}

const fmt = (c: HeatColumn, v: number | null) => (c.format === "percent" ? formatPercent(v) : c.format === "ratio" ? formatRatio(v) : formatNumber(v, 2));

/**
 * The PnL & risk heat map across strategies: one row per strategy, one column per metric, each cell
 * coloured by how it ranks among the strategies (green good, red bad; the number stays readable).
 */
export function HeatMapTable({ rows, columns }: { rows: HeatRow[]; columns: HeatColumn[] }) {
  const cells = heatMap(
    rows.map((r) => r.values),
    columns,
  );
  return (
    <Table data-testid="strategy-heatmap">
      <THead>
        <Tr>
          <Th>Strategy</Th>
          {columns.map((c) => (
            <Th key={c.key} className="text-right" title={c.better === "high" ? "higher is better" : "smaller magnitude is better"}>
              {c.label}
            </Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {rows.map((r, i) => (
          <Tr key={r.name}>
            <Td className="font-medium">{r.name}</Td>
            {columns.map((c, j) => (
              <Td key={c.key} className="num text-right" style={{ background: heatColor(cells[i][j].score) }} data-score={cells[i][j].score.toFixed(3)}>
                {fmt(c, cells[i][j].value)}
              </Td>
            ))}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
