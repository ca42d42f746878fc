import { api, unwrap, type Schemas } from "@/api/client";
import { Empty, ErrorText, NotAvailable, PageTitle, Section } from "@/components/common";
import { Allocation } from "@/pages/capital/Allocation";
import { Badge, statusVariant } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatMoney, formatNumber, formatPrice, formatQuantity, formatRatio, formatSignedMoney, formatTime, signClass } from "@/lib/format";
import { useApi } from "@/lib/hooks";

async function optional<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if ((e as { code?: number }).code === 40401) return null;
    throw e;
  }
}

export function CapitalPage() {
  const { data, error } = useApi(
    async () => {
      const [positions, deviation] = await Promise.all([
        optional(unwrap<Schemas["Positions"]>(api.GET("/api/v1/account/positions"))),
        optional(unwrap<Schemas["DeviationData"]>(api.GET("/api/v1/portfolio/position-deviation"))),
      ]);
      return { positions, deviation };
    },
    [],
    5000,
  );
  return (
    <div>
      <PageTitle title="Capital & positions" />
      <ErrorText error={error} />
      <Allocation />
      {data && (
        <>
          <Section
            title={`Open positions (${data.positions?.total_positions ?? 0})`}
            description={data.positions ? `${data.positions.long_count} long, ${data.positions.short_count} short · as of ${formatTime(data.positions.updated_at)}` : undefined}
          >
            {!data.positions || data.positions.positions.length === 0 ? (
              <Empty>No open positions.</Empty>
            ) : (
              <Table data-testid="positions">
                <THead>
                  <Tr>
                    <Th>Symbol</Th>
                    <Th>Side</Th>
                    <Th className="text-right">Contracts</Th>
                    <Th className="text-right">Entry price</Th>
                    <Th className="text-right">Mark price</Th>
                    <Th className="text-right">Unrealised PnL</Th>
                    <Th className="text-right">Margin</Th>
                    <Th className="text-right">Leverage</Th>
                  </Tr>
                </THead>
                <TBody>
                  {data.positions.positions.map((p) => (
                    <Tr key={p.symbol}>
                      <Td>{p.symbol}</Td>
                      <Td>{p.side}</Td>
                      <Td className="num text-right">{formatQuantity(p.contracts)}</Td>
                      <Td className="num text-right">{formatPrice(p.entry_price)}</Td>
                      <Td className="num text-right">{formatPrice(p.mark_price)}</Td>
                      <Td className={`num text-right ${signClass(p.unrealized_pnl)}`}>{formatSignedMoney(p.unrealized_pnl)}</Td>
                      <Td className="num text-right">{formatMoney(p.margin)}</Td>
                      <Td className="num text-right">{formatNumber(p.leverage, 0)}×</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </Section>
          <Section title="Target vs actual weights" description="Of the running (single) strategy, from /portfolio/position-deviation.">
            {!data.deviation || data.deviation.deviations.length === 0 ? (
              <Empty>No targets yet.</Empty>
            ) : (
              <Table>
                <THead>
                  <Tr>
                    <Th>Symbol</Th>
                    <Th className="text-right">Target</Th>
                    <Th className="text-right">Actual</Th>
                    <Th className="text-right">Deviation</Th>
                    <Th>Status</Th>
                  </Tr>
                </THead>
                <TBody>
                  {data.deviation.deviations.map((d) => (
                    <Tr key={d.symbol}>
                      <Td>{d.symbol}</Td>
                      <Td className="num text-right">{formatRatio(d.target_weight)}</Td>
                      <Td className="num text-right">{formatRatio(d.actual_weight)}</Td>
                      <Td className="num text-right">{formatRatio(d.deviation)}</Td>
                      <Td>
                        <Badge variant={statusVariant(d.status)}>{d.status}</Badge>
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </Section>
        </>
      )}
      <NotAvailable what="The multi-layer stop/take-profit state of each position and a rollback of the capital plan are not served by the API." />
    </div>
  );
}
