import { useState } from "react";
import { api, type Schemas } from "@/api/client";
import { unwrapControl } from "@/api/control";
import { Empty, Section } from "@/components/common";
import { ActionOutcome, ReasonDialog } from "@/components/ReasonDialog";
import { Badge, statusVariant } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { ErrorText } from "@/components/common";
import { msToIso } from "@/lib/delta";
import { formatNumber, formatTime } from "@/lib/format";
import { useAction } from "@/lib/hooks";

/** The market-data feeds with their status, and the manual failover (with a reason). */
export function Feeds({ feeds, trader, reload }: { feeds: Schemas["ControlFeedsView"] | null; trader: boolean; reload: () => void }) {
  const [target, setTarget] = useState<string | null>(null);
  const action = useAction(reload);
  const failover = (targetFeed: string, reason: string) =>
    action.run(async () => {
      const r = await unwrapControl<Schemas["ControlFailoverView"]>(api.POST("/api/v1/market-data/failover", { body: { targetFeed, reason } }));
      return `Failed over from ${r.fromFeed} to ${r.activeFeed} at ${formatTime(msToIso(r.lastFailover))}.`;
    });
  return (
    <Section
      title="Market-data feeds"
      description={feeds ? `Active: ${feeds.activeFeed} · last failover ${formatTime(msToIso(feeds.lastFailover))}. Only the active feed's books reach the strategies; a failing active feed fails over by itself.` : undefined}
    >
      <ActionOutcome notice={action.notice} testId="feed-notice" />
      <ErrorText error={action.error} />
      {!feeds || (feeds.feeds ?? []).length === 0 ? (
        <Empty>No market-data feeds configured.</Empty>
      ) : (
        <Table data-testid="feeds">
          <THead>
            <Tr>
              <Th>Feed</Th>
              <Th>Status</Th>
              <Th className="text-right">Latency</Th>
              <Th>Last update</Th>
              <Th className="text-right">Errors</Th>
              <Th />
            </Tr>
          </THead>
          <TBody>
            {feeds.feeds.map((f) => (
              <Tr key={f.feedId} data-feed={f.feedId}>
                <Td className="font-mono text-xs">
                  {f.feedId}
                  {f.feedId === feeds.activeFeed && (
                    <Badge variant="positive" className="ml-2">
                      active
                    </Badge>
                  )}
                </Td>
                <Td>
                  <Badge variant={statusVariant(f.status)}>{f.status}</Badge>
                </Td>
                <Td className="num text-right">{formatNumber(f.latency, 0)} ms</Td>
                <Td className="num">{formatTime(msToIso(f.lastUpdate))}</Td>
                <Td className="num text-right">{f.errorCount}</Td>
                <Td>
                  {trader && f.feedId !== feeds.activeFeed && (
                    <Button size="sm" variant="outline" onClick={() => setTarget(f.feedId)} aria-label={`Fail over to ${f.feedId}`}>
                      Fail over
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <ReasonDialog
        open={target !== null}
        title={`Fail over to ${target}?`}
        confirmLabel="Fail over"
        destructive
        onCancel={() => setTarget(null)}
        onConfirm={(reason) => {
          const t = target;
          setTarget(null);
          if (t) void failover(t, reason);
        }}
      >
        The strategies get {target}'s books from now on (its latest book at once). The switch is recorded and raises a failover alert.
      </ReasonDialog>
    </Section>
  );
}
