// Pure helpers of the Delta-neutral page (the control plane of spec 001).

/**
 * Account ids from the feed ids: the control plane polls each configured account's book as its
 * feed {@code <account>-rest} (docs/control-plane.md); the API has no account list of its own.
 */
export function accountsFromFeeds(feedIds: readonly string[]): string[] {
  return [...new Set(feedIds.filter((f) => f.endsWith("-rest")).map((f) => f.slice(0, -"-rest".length)))].filter((a) => /^[a-z0-9][a-z0-9-]{0,63}$/.test(a));
}

/** Account ids typed by the user: comma/space separated, each checked like the API does. */
export function parseAccounts(text: string): { ids: string[]; errors: string[] } {
  const parts = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const errors = parts.filter((p) => !/^[a-z0-9][a-z0-9-]{0,63}$/.test(p)).map((p) => `accounts: '${p}' is not an account id ([a-z0-9][a-z0-9-]{0,63})`);
  const seen = new Set<string>();
  for (const p of parts) {
    if (seen.has(p)) errors.push(`accounts: ${p} given twice`);
    seen.add(p);
  }
  return { ids: [...seen], errors };
}

export interface ControlAlert {
  id: string;
  type: string;
  severity: string;
  accountId: string | null;
  message: string;
  timestamp: number;
}

/** Alerts of several queries: de-duplicated by id, newest first, at most {@code limit}. */
export function mergeAlerts(lists: readonly (readonly ControlAlert[])[], limit = 50): ControlAlert[] {
  const byId = new Map<string, ControlAlert>();
  for (const l of lists) for (const a of l) byId.set(a.id, a);
  return [...byId.values()].sort((a, b) => b.timestamp - a.timestamp).slice(0, limit);
}

/** Epoch milliseconds as the dashboard's UTC time; 0 or missing is "—". */
export function msToIso(ms: number | null | undefined): string | null {
  return typeof ms === "number" && ms > 0 ? new Date(ms).toISOString() : null;
}
