// The dashboard's "last successful sync" list at 1,000 customers: the ones to look at come first.

export interface SyncLine {
  displayName: string;
  /** ISO time of the last successful sync; null: never */
  lastSuccessAt: string | null;
  failureReason: string | null;
}

/** How many the dashboard shows before "Show all". */
export const SYNCS_SHOWN = 10;

/** Failing first, then never synced, then the oldest success; ties by name. Pure, a new array. */
export function bySyncAttention<S extends SyncLine>(syncs: readonly S[]): S[] {
  const rank = (s: S) => (s.failureReason ? 0 : s.lastSuccessAt === null ? 1 : 2);
  return [...syncs].sort((a, b) => rank(a) - rank(b) || (a.lastSuccessAt ?? "").localeCompare(b.lastSuccessAt ?? "") || a.displayName.localeCompare(b.displayName));
}
