// The audit log's filters, search and page position as they travel in the URL. Pure: parsed
// the same way by the page and the CSV export, so the export is exactly the filtered set.
import { z } from "zod";
import { isGuid } from "@/lib/utils/guid";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const trimmed = (max: number) =>
  z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().trim().max(max).optional().transform((v) => v || undefined));

/** A day as typed in a date field; invalid dates are refused rather than read as another day. */
const day = z.preprocess(
  (v) => (Array.isArray(v) ? v[0] : v) || undefined,
  z
    .string()
    .regex(DATE, "must be a date (YYYY-MM-DD)")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "is not a real date")
    .optional(),
);

export const auditQuerySchema = z
  .object({
    q: trimmed(200),
    actor: trimmed(300),
    action: trimmed(100),
    customer: trimmed(36).refine((v) => v === undefined || isGuid(v), "must be a customer id"),
    from: day,
    to: day,
    /** The browser's offset from UTC in minutes (Date#getTimezoneOffset), so days are the viewer's days. */
    tz: z.preprocess((v) => (Array.isArray(v) ? v[0] : v) || undefined, z.coerce.number().int().min(-840).max(840).optional()),
    cursor: trimmed(200),
    dir: z.preprocess((v) => (Array.isArray(v) ? v[0] : v) || undefined, z.enum(["older", "newer"]).optional()),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "The start date is after the end date.", path: ["to"] });

/** Every field optional: code builds queries too (the export drops the page position). */
export type AuditQuery = Partial<z.infer<typeof auditQuerySchema>>;

export type AuditQueryResult = { ok: true; query: AuditQuery } | { ok: false; query: AuditQuery; errors: string[] };

const FIELD_NAMES: Record<string, string> = { from: "From", to: "To", customer: "Customer", tz: "Time zone", dir: "Page" };

/** Parses search params; a bad filter is reported by name and the rest of the query is kept. */
export function parseAuditQuery(params: Record<string, string | string[] | undefined>): AuditQueryResult {
  const result = auditQuerySchema.safeParse(params);
  if (result.success) return { ok: true, query: result.data };
  const bad = new Set(result.error.issues.map((i) => String(i.path[0] ?? "")));
  const kept = Object.fromEntries(Object.entries(params).filter(([k]) => !bad.has(k)));
  const fallback = auditQuerySchema.safeParse(kept);
  return {
    ok: false,
    query: fallback.success ? fallback.data : {},
    errors: result.error.issues.map((i) => `${FIELD_NAMES[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`),
  };
}

/** The range of instants [from, to) a query's days cover, in the viewer's time zone. */
export function dateRange(query: Pick<AuditQuery, "from" | "to" | "tz">): { from?: Date; to?: Date } {
  const offset = (query.tz ?? 0) * 60_000;
  const start = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + offset);
  return {
    ...(query.from ? { from: start(query.from) } : {}),
    ...(query.to ? { to: new Date(start(query.to).getTime() + 86_400_000) } : {}),
  };
}

export interface AuditCursor {
  at: Date;
  id: string;
}

/** Opaque page position: the last (or first) row's time and id; ties on time break by id. */
export function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`).toString("base64url");
}

export function decodeCursor(value: string | undefined): AuditCursor | null {
  if (!value) return null;
  const [iso, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const at = iso ? new Date(iso) : null;
  if (!at || Number.isNaN(at.getTime()) || !id || !isGuid(id)) return null;
  return { at, id };
}

/** Query string for a link: the filters kept, the page position replaced. */
export function auditHref(base: string, query: AuditQuery, position: { cursor?: string; dir?: "older" | "newer" } = {}): string {
  const params = new URLSearchParams();
  for (const key of ["q", "actor", "action", "customer", "from", "to"] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if ((query.from || query.to) && query.tz !== undefined) params.set("tz", String(query.tz));
  if (position.cursor) params.set("cursor", position.cursor);
  if (position.dir) params.set("dir", position.dir);
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}
