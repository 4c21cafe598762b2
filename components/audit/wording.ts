// How audit events read to people: actions in words, actors by name, details as labelled fields.
// Pure, shared by the page, the drawer, the CSV export and the free-text search.
import { CONSENT_OUTCOMES, isConsentOutcome } from "@/lib/onboarding/outcomes";

/** Every action Gatehouse records today. Unknown ones (added later) are worded by `actionLabel`. */
export const ACTION_LABELS: Record<string, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_refused": "Sign-in refused",
  "auth.sign_out": "Signed out",
  "customer.created": "Customer added",
  "customer.updated": "Customer details changed",
  "customer.deleted": "Customer deleted",
  "invite.issued": "Consent link created",
  "invite.revoked": "Consent link revoked",
  "consent.started": "Consent started by the customer's admin",
  "consent.granted": "Consent granted",
  "consent.refused": "Consent not completed",
  "consent.signed-in": "Customer admin signed in for consent",
  "consent.rate-limited": "Consent requests rate-limited",
  "auth.session_ended": "Session ended",
  "auth.role_changed": "Role changed in Entra",
  "provisioning.requested": "Provisioning requested",
  "provisioning.step": "Provisioning step",
  "provisioning.finished": "Provisioning finished",
  "drift.repaired": "Drift repaired",
  "drift.auto_repaired": "Drift repaired automatically",
  "drift.repair_failed": "Drift repair failed part way",
  "blueprint.saved": "Blueprint saved",
  "blueprint.rollout_started": "Blueprint rollout started",
  "blueprint.rollout_paused": "Blueprint rollout paused",
  "blueprint.rollout_resumed": "Blueprint rollout resumed",
  "blueprint.rollout_cancelled": "Blueprint rollout cancelled",
  "blueprint.rollout_completed": "Blueprint rollout completed",
  // Written by the in-process rollout before rollouts were persisted; kept for the history.
  "blueprint.rollout_finished": "Blueprint rollout finished",
  "customer.offboarding_requested": "Offboarding requested",
  "customer.offboarding_started": "Offboarding started",
  "customer.offboarding_incomplete": "Offboarding incomplete",
  "customer.offboarded": "Customer offboarded",
};

function sentence(text: string): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[._:-]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : text;
}

/** "Consent link created" for `invite.issued`; "Customer archived" for an unknown `customer.archived`. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? sentence(action);
}

/** Actions whose wording or key contains the search text, for free-text search. */
export function actionsMatching(text: string, known: Iterable<string> = Object.keys(ACTION_LABELS)): string[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  return [...new Set(known)].filter((a) => a.toLowerCase().includes(needle) || actionLabel(a).toLowerCase().includes(needle));
}

const FIELD_LABELS: Record<string, string> = {
  // a saved blueprint's changes in words, before the raw `changes` they were written from
  summary: "What changed",
  reason: "Reason",
  tenantId: "Tenant ID",
  resolvedTenantId: "Tenant ID (from the domain)",
  resolvedTenantName: "Tenant name (from the domain)",
  runId: "Run ID",
  name: "Name",
  email: "Email",
  upn: "User principal name",
  userPrincipalName: "User principal name",
  role: "Role",
  displayName: "Name",
  primaryDomain: "Domain",
  inviteId: "Consent link ID",
  expiresAt: "Link expires",
  revokedPrevious: "Earlier links revoked",
  errorDescription: "Microsoft's message",
  error: "Microsoft's error code",
  detail: "Detail",
  count: "Repeated",
  repeat: "Repeated",
  firstAt: "First seen",
  lastAt: "Last seen",
  grantedBy: "Granted by",
  grantedByName: "Granted by",
  grantedByUpn: "Granted by (UPN)",
  scopes: "Permissions",
  missing: "Missing permissions",
  contactName: "Contact",
  contactEmail: "Contact email",
};

// Sign-in refusals; consent outcomes are worded by lib/onboarding/outcomes.ts, as on the result page.
const REASON_LABELS: Record<string, string> = {
  "unregistered-tenant": "The person's organization has no Gatehouse workspace",
  "no-role": "No Gatehouse role assigned",
  "incomplete-token": "Microsoft's answer lacked the person's identity",
};

function reasonLabel(reason: string): string {
  return REASON_LABELS[reason] ?? (isConsentOutcome(reason) ? CONSENT_OUTCOMES[reason].title : sentence(reason));
}

export type DetailValue = { kind: "text"; text: string } | { kind: "time"; iso: string } | { kind: "list"; items: string[] };

export interface DetailField {
  key: string;
  label: string;
  value: DetailValue;
}

/** "Name (upn)" for a person recorded with an event (`grantedBy`, `signedIn`), else null. */
function personText(raw: Record<string, unknown>): string | null {
  const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);
  const name = text(raw.name) ?? text(raw.displayName);
  const upn = text(raw.upn) ?? text(raw.userPrincipalName) ?? text(raw.email);
  if (name && upn && name !== upn) return `${name} (${upn})`;
  return name ?? upn ?? null;
}

/** A nested object in words: a person by name, anything else as its labelled values. */
function objectText(raw: Record<string, unknown>): string {
  const person = personText(raw);
  if (person) return person;
  return Object.entries(raw)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${FIELD_LABELS[k] ?? sentence(k)}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" · ");
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function valueOf(key: string, raw: unknown): DetailValue {
  if (typeof raw === "string" && ISO_TIME.test(raw)) return { kind: "time", iso: raw };
  if (Array.isArray(raw)) return { kind: "list", items: raw.map((item) => (typeof item === "string" ? item : JSON.stringify(item))) };
  if (typeof raw === "boolean") return { kind: "text", text: raw ? "Yes" : "No" };
  if ((key === "count" || key === "repeat") && typeof raw === "number") return { kind: "text", text: `${raw} times` };
  if (key === "reason" && typeof raw === "string") return { kind: "text", text: reasonLabel(raw) };
  if (raw !== null && typeof raw === "object") return { kind: "text", text: objectText(raw as Record<string, unknown>) };
  return { kind: "text", text: String(raw) };
}

// PostgreSQL's jsonb keeps no key order, so fields are ordered here: the most telling first
// (the order of FIELD_LABELS), then unknown keys alphabetically.
const FIELD_ORDER = new Map(Object.keys(FIELD_LABELS).map((key, index) => [key, index]));

/** The details object as labelled fields, empty values left out, the most telling first. */
export function detailFields(details: unknown): DetailField[] {
  if (!details || typeof details !== "object" || Array.isArray(details)) return [];
  const rank = (key: string) => FIELD_ORDER.get(key) ?? FIELD_ORDER.size;
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0))
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, raw]) => ({ key, label: FIELD_LABELS[key] ?? sentence(key), value: valueOf(key, raw) }));
}

/** Plain text of a field, for CSV and search. */
export function detailText(value: DetailValue): string {
  if (value.kind === "time") return value.iso;
  if (value.kind === "list") return value.items.join(", ");
  return value.text;
}

const ACTOR_LABELS: Record<string, string> = {
  system: "Gatehouse",
  "customer-admin": "Customer admin",
  "consent-link": "Consent link holder (not signed in)",
  anonymous: "Unknown visitor",
};

/**
 * Who acted, in words. A workspace member by name; a refused sign-in by the name or UPN tried
 * (they have no user row); a customer's admin by the name recorded with the event.
 */
export function actorLabel(actor: string, details: unknown, names: ReadonlyMap<string, string>): string {
  const known = names.get(actor);
  if (known) return known;
  const d = details && typeof details === "object" ? (details as Record<string, unknown>) : {};
  const pick = (...keys: string[]) => keys.map((k) => d[k]).find((v): v is string => typeof v === "string" && v.trim() !== "");
  if (actor.startsWith("user:") || actor === "anonymous") {
    const person = personText(d);
    if (person) return person;
  }
  if (actor === "customer-admin" || actor.startsWith("customer-admin:")) {
    // The consent flow records the admin its ID token proved as details.grantedBy once consent
    // is granted, and as the details themselves when the admin signs in.
    const granted = d.grantedBy && typeof d.grantedBy === "object" ? (d.grantedBy as Record<string, unknown>) : {};
    const grantedName = [granted.name, granted.upn, d.name, d.upn].find((v): v is string => typeof v === "string" && v.trim() !== "");
    if (grantedName) return `${grantedName} (customer admin)`;
    const who = pick("grantedByName", "adminName", "grantedByUpn", "adminUpn", "grantedBy") ?? (actor.includes(":") ? actor.slice(actor.indexOf(":") + 1) : undefined);
    return who ? `${who} (customer admin)` : "Customer admin";
  }
  if (ACTOR_LABELS[actor]) return ACTOR_LABELS[actor];
  if (actor.startsWith("user:")) return "Unknown user";
  return actor;
}

/** The repeat count another part of Gatehouse may fold into one event (`details.count`). */
export function repeatCount(details: unknown): number | null {
  if (!details || typeof details !== "object") return null;
  const d = details as Record<string, unknown>;
  const count = typeof d.count === "number" ? d.count : typeof d.repeat === "number" ? d.repeat : null;
  return count !== null && count > 1 ? count : null;
}

/** The customer an event is about, from its target `customer:<id>`. */
export function customerIdOf(target: string | null): string | null {
  return target?.startsWith("customer:") ? target.slice("customer:".length) : null;
}
