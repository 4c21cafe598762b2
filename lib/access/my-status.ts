// A staff member's status in one customer tenant, from the synced assignments and requests.

export type MyStatus =
  | { kind: "active"; expiresAt: Date | null; packageName: string }
  | { kind: "pending"; requestedAt: Date; packageName: string }
  | { kind: "expired"; expiredAt: Date; packageName: string }
  | { kind: "none" };

export interface StatusAssignment {
  packageName: string;
  /** Graph's assignment state: "delivered" is active; anything else is not access. */
  state: string;
  expiresAt: Date | null;
}

export interface StatusRequest {
  packageName: string;
  createdAt: Date;
}

/**
 * Active wins (the latest-ending one, a null end meaning no end), then pending (the oldest), then
 * expired (the latest). A delivered assignment whose end has passed counts as expired: the sync
 * may not have seen Microsoft remove it yet.
 */
export function myStatus(assignments: StatusAssignment[], pending: StatusRequest[], now: Date): MyStatus {
  const active = assignments
    .filter((a) => a.state === "delivered" && (a.expiresAt === null || a.expiresAt > now))
    .sort((a, b) => (b.expiresAt?.getTime() ?? Infinity) - (a.expiresAt?.getTime() ?? Infinity));
  if (active[0]) return { kind: "active", expiresAt: active[0].expiresAt, packageName: active[0].packageName };
  const oldest = [...pending].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
  if (oldest) return { kind: "pending", requestedAt: oldest.createdAt, packageName: oldest.packageName };
  const expired = assignments
    .filter((a): a is StatusAssignment & { expiresAt: Date } => a.expiresAt !== null && a.expiresAt <= now)
    .sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime());
  if (expired[0]) return { kind: "expired", expiredAt: expired[0].expiresAt, packageName: expired[0].packageName };
  return { kind: "none" };
}
