import { useEffect, useId, useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";

/** A confirmation that needs a reason (kept by the API in the history / audit log). */
export function ReasonDialog(props: {
  open: boolean;
  title: string;
  confirmLabel: string;
  destructive?: boolean;
  children?: ReactNode;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  const id = useId();
  useEffect(() => {
    if (props.open) setReason("");
  }, [props.open]);
  return (
    <ConfirmDialog
      open={props.open}
      title={props.title}
      confirmLabel={props.confirmLabel}
      destructive={props.destructive}
      confirmDisabled={!reason.trim()}
      onConfirm={() => props.onConfirm(reason.trim())}
      onCancel={props.onCancel}
    >
      {props.children}
      <label htmlFor={id} className="mt-3 block text-xs font-medium text-foreground">
        Reason (required)
      </label>
      <Input id={id} value={reason} onChange={(e) => setReason(e.target.value)} className="mt-1" />
    </ConfirmDialog>
  );
}

/** A notice (role=status) and the API's error of the last action. */
export function ActionOutcome({ notice, testId }: { notice: string; testId?: string }) {
  if (!notice) return null;
  return (
    <p className="mb-2 text-sm" role="status" data-testid={testId}>
      {notice}
    </p>
  );
}
