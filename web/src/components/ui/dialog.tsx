import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "./button";

/** A modal confirmation (native <dialog>: focus trap and Escape come with it). */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  /** The confirm button stays disabled while this is true (e.g. a required reason is empty). */
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={props.onCancel}
      className="m-auto max-w-md rounded-lg border border-border bg-card p-5 text-card-foreground backdrop:bg-black/50"
    >
      <h2 id={titleId} className="mb-2 text-base font-semibold">
        {props.title}
      </h2>
      <div className="mb-4 text-sm text-muted-foreground">{props.children}</div>
      <div className="flex justify-end gap-2">
        <Button variant="outline" onClick={props.onCancel}>
          Cancel
        </Button>
        <Button variant={props.destructive ? "destructive" : "default"} onClick={props.onConfirm} disabled={props.confirmDisabled}>
          {props.confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
