import type { ReactNode } from "react";
import { ApiFailure } from "@/api/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export function PageTitle({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
      <h1 className="text-xl font-semibold">{title}</h1>
      {children}
    </div>
  );
}

/** An API error as the user sees it: the API's message and code. */
export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error as Error;
  const code = e instanceof ApiFailure && e.code ? ` (${e.code})` : "";
  return (
    <p role="alert" className="text-sm text-negative">
      {e.message}
      {code}
    </p>
  );
}

/** A labelled figure; {@code raw} is kept in data-value so tests compare it with the API. */
export function Stat(props: { label: string; value: string; raw?: number | null; className?: string; testId?: string; sub?: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardDescription>{props.label}</CardDescription>
      </CardHeader>
      <CardContent>
        <div
          className={`num text-xl font-semibold ${props.className ?? ""}`}
          data-testid={props.testId}
          data-value={props.raw ?? ""}
          // Element Timing: the browser records when this figure is painted (the overview's
          // first meaningful paint, measured by the browser test).
          {...{ elementtiming: props.testId }}
        >
          {props.value}
        </div>
        {props.sub && <div className="mt-1 text-xs text-muted-foreground">{props.sub}</div>}
      </CardContent>
    </Card>
  );
}

/** An honest placeholder: what the API does not offer yet, and which issue brings it. */
export function NotAvailable({ what, issue }: { what: string; issue?: string }) {
  return (
    <Card data-testid="not-available">
      <CardHeader>
        <CardTitle>Not available yet</CardTitle>
      </CardHeader>
      <CardContent className="text-sm text-muted-foreground">
        {what} The platform's API does not serve this yet{issue ? ` (${issue})` : ""}; this page shows it when it lands. No
        data is made up here.
      </CardContent>
    </Card>
  );
}

export function Section({ title, description, children, actions }: { title: string; description?: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Card className="mb-4">
      <CardHeader className="flex-row items-start justify-between">
        <div className="flex flex-col gap-1">
          <CardTitle>{title}</CardTitle>
          {description && <CardDescription>{description}</CardDescription>}
        </div>
        {actions}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="py-2 text-sm text-muted-foreground">{children}</p>;
}
