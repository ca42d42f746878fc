import { cva, type VariantProps } from "class-variance-authority";
import type { HTMLAttributes } from "react";
import { cn } from "@/lib/utils";

const badgeVariants = cva("inline-flex items-center rounded-md border px-2 py-0.5 text-xs font-semibold", {
  variants: {
    variant: {
      default: "border-transparent bg-primary text-primary-foreground",
      secondary: "border-transparent bg-secondary text-secondary-foreground",
      outline: "border-border text-foreground",
      positive: "border-positive text-positive",
      negative: "border-negative text-negative",
      warning: "border-warning text-warning",
    },
  },
  defaultVariants: { variant: "default" },
});

export function Badge({
  className,
  variant,
  ...p
}: HTMLAttributes<HTMLSpanElement> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ variant }), className)} {...p} />;
}

/** The badge variant of a status word of the API. */
export function statusVariant(status: string | null | undefined): VariantProps<typeof badgeVariants>["variant"] {
  switch (status) {
    case "ok":
    case "healthy":
    case "normal":
    case "completed":
    case "filled":
    case "running":
    case "active":
    case "approved":
    case "executed":
    case "acceptable":
      return "positive";
    case "warning":
    case "degraded":
    case "pending":
    case "queued":
    case "partially_filled":
      return "warning";
    case "violated":
    case "halted":
    case "failed":
    case "rejected":
    case "down":
    case "unhealthy":
    case "banned":
    case "critical":
      return "negative";
    default:
      return "outline";
  }
}
