/**
 * Pure mapping from Graph objects to the rows the portal stores, and the matching of each guest
 * to an MSSP staff member by home identity. No I/O: the store and the tests both use it.
 */
import type { Loose, TenantSnapshot } from "./read";

export interface StaffIdentity {
  id: string;
  email: string;
}

export interface AssignmentRow {
  graphId: string;
  accessPackageId: string;
  accessPackageName: string;
  tier: string | null;
  state: string;
  status: string | null;
  targetObjectId: string | null;
  targetDisplayName: string | null;
  targetEmail: string | null;
  targetPrincipalName: string | null;
  portalUserId: string | null;
  startAt: Date | null;
  expiresAt: Date | null;
}

export interface RequestRow {
  graphId: string;
  accessPackageId: string;
  accessPackageName: string;
  tier: string | null;
  state: string;
  status: string | null;
  requestType: string | null;
  justification: string | null;
  requestorObjectId: string | null;
  requestorName: string | null;
  requestorEmail: string | null;
  requestorPrincipal: string | null;
  portalUserId: string | null;
  requestedAt: Date;
  completedAt: Date | null;
}

export interface ApproverRow {
  objectId: string;
  displayName: string | null;
  email: string | null;
  principalName: string | null;
  portalUserId: string | null;
}

export interface TenantRows {
  assignments: AssignmentRow[];
  requests: RequestRow[];
  approvers: ApproverRow[];
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const date = (v: unknown): Date | null => {
  if (typeof v !== "string") return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};
const obj = (v: unknown): Loose => (v && typeof v === "object" ? (v as Loose) : {});

/**
 * A B2B guest's UPN carries the home address: `alice_mssp.com#EXT#@contoso.onmicrosoft.com` →
 * `alice@mssp.com`. The last `_` before `#EXT#` is the `@` (local parts may contain `_`).
 */
export function homeAddressFromGuestUpn(upn: string): string | null {
  const m = /^(.+)#EXT#@/i.exec(upn);
  if (!m) return null;
  const local = m[1]!;
  const at = local.lastIndexOf("_");
  return at > 0 ? `${local.slice(0, at)}@${local.slice(at + 1)}` : null;
}

/** Lower-cased addresses of a subject or member that can name its home account. */
export function identityCandidates(...values: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (!v) continue;
    out.add(v.toLowerCase());
    const home = homeAddressFromGuestUpn(v);
    if (home) out.add(home.toLowerCase());
  }
  return [...out];
}

export function staffMatcher(staff: StaffIdentity[]): (...values: (string | null | undefined)[]) => string | null {
  const byEmail = new Map<string, string>();
  for (const s of staff) if (s.email) byEmail.set(s.email.toLowerCase(), s.id);
  return (...values) => {
    for (const c of identityCandidates(...values)) {
      const id = byEmail.get(c);
      if (id) return id;
    }
    return null;
  };
}

/** packageId (lower-case) → blueprint key ("tier1" …) from the TenantObject registry. */
export type TierOf = (accessPackageId: string) => string | null;

/**
 * What an assignment and a request share: their Graph id, package (and its tier), state, and
 * the subject they are about (the assignment's target, the request's requestor) with the staff
 * member it matches.
 */
function entitlementFields(o: Loose, subjectKey: "target" | "requestor", tierOf: TierOf, match: ReturnType<typeof staffMatcher>) {
  const subject = obj(o[subjectKey]);
  const pkg = obj(o.accessPackage);
  const packageId = String(pkg.id ?? "").toLowerCase();
  const email = str(subject.email);
  const principal = str(subject.principalName);
  return {
    shared: {
      graphId: String(o.id),
      accessPackageId: packageId,
      accessPackageName: str(pkg.displayName) ?? packageId,
      tier: tierOf(packageId),
      state: str(o.state) ?? "unknown",
      status: str(o.status),
      portalUserId: match(principal, email),
    },
    subject: { objectId: str(subject.objectId), displayName: str(subject.displayName), email, principal },
  };
}

export function toRows(snapshot: TenantSnapshot, staff: StaffIdentity[], tierOf: TierOf): TenantRows {
  const match = staffMatcher(staff);
  const assignments = snapshot.assignments.map((a): AssignmentRow => {
    const { shared, subject } = entitlementFields(a, "target", tierOf, match);
    const schedule = obj(a.schedule);
    return {
      ...shared,
      targetObjectId: subject.objectId,
      targetDisplayName: subject.displayName,
      targetEmail: subject.email,
      targetPrincipalName: subject.principal,
      startAt: date(schedule.startDateTime),
      // The expiry to show is schedule.expiration.endDateTime (GRAPH-API §3.8); an expired one
      // without a schedule end falls back to when it expired.
      expiresAt: date(obj(schedule.expiration).endDateTime) ?? date(a.expiredDateTime),
    };
  });
  const requests = snapshot.requests.map((r): RequestRow => {
    const { shared, subject } = entitlementFields(r, "requestor", tierOf, match);
    return {
      ...shared,
      requestType: str(r.requestType),
      justification: str(r.justification),
      requestorObjectId: subject.objectId,
      requestorName: subject.displayName,
      requestorEmail: subject.email,
      requestorPrincipal: subject.principal,
      requestedAt: date(r.createdDateTime) ?? new Date(0),
      completedAt: date(r.completedDateTime),
    };
  });
  const subjects = subjectsByObjectId(snapshot.assignments);
  const approvers = (snapshot.approvers ?? []).map((m): ApproverRow => {
    const objectId = String(m.id);
    const who = subjects.get(objectId.toLowerCase()) ?? {};
    const email = str(who.email);
    const principal = str(who.principalName);
    return { objectId, displayName: str(who.displayName), email, principalName: principal, portalUserId: match(principal, email) };
  });
  return { assignments, requests, approvers };
}

/**
 * Who each approvers-group member is, from the assignment targets the sync already read: the
 * Approvers package is what puts people in that group. The member list itself carries ids only
 * (read.ts says why). A member added outside the package keeps its id and no name.
 */
function subjectsByObjectId(assignments: Loose[]): Map<string, Loose> {
  const out = new Map<string, Loose>();
  for (const a of assignments) {
    const target = obj(a.target);
    const id = str(target.objectId)?.toLowerCase();
    // A delivered assignment names the person as they are now; an expired one as they were.
    if (id && (!out.has(id) || String(a.state).toLowerCase() === "delivered")) out.set(id, target);
  }
  return out;
}
