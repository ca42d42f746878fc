import { Button } from "@/components/ui/button";

type Verdict = "approve" | "reject";

/**
 * The actions on a pending four-eyes request: Approve (never on one's own request — the API refuses
 * it too) and Reject, which reads "Withdraw" on one's own request. Nothing without the role.
 */
export function ApprovalButtons({
  canAct,
  requester,
  username,
  onDecide,
}: {
  canAct: boolean;
  requester: string;
  username: string | undefined;
  onDecide: (verdict: Verdict) => void;
}) {
  if (!canAct) return null;
  const own = requester === username;
  return (
    <>
      {!own && (
        <Button size="sm" onClick={() => onDecide("approve")}>
          Approve
        </Button>
      )}
      <Button size="sm" variant="outline" onClick={() => onDecide("reject")}>
        {own ? "Withdraw" : "Reject"}
      </Button>
    </>
  );
}
