import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { actionLabel, actorLabel, ACTION_LABELS, customerIdOf } from "@/components/audit/wording";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { buttonClassName } from "@/components/ui/button";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { actorNames, customerNames, customerOptions, distinctActions, distinctActors, listAuditPage } from "@/lib/data/audit";
import { auditHref, parseAuditQuery } from "@/lib/data/audit-query";

export const metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePagePermission("audit:read");
  const parsed = parseAuditQuery(await searchParams);
  const query = parsed.query;
  const [page, actors, actions, customers] = await Promise.all([
    listAuditPage(user, query),
    distinctActors(user),
    distinctActions(user),
    customerOptions(user),
  ]);
  const [names, pageCustomers] = await Promise.all([
    actorNames(user, [...actors, ...page.events.map((e) => e.actor)]),
    customerNames(user, page.events.map((e) => customerIdOf(e.target)).filter((id): id is string => id !== null)),
  ]);
  const actorOptions = actors
    .map((a) => ({ value: a, label: actorLabel(a, null, names) }))
    .sort((a, b) => a.label.localeCompare(b.label, "en", { sensitivity: "base" }));
  const actionOptions = [...new Set([...Object.keys(ACTION_LABELS), ...actions])]
    .map((a) => ({ value: a, label: actionLabel(a) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const filtered = Boolean(query.q || query.actor || query.action || query.customer || query.from || query.to);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and every sign-in in this workspace, newest first. Events are append-only."
      />
      {!parsed.ok && (
        <Alert tone="warning" className="mb-4" title="Some filters were not applied">
          {parsed.errors.join(" ")}
        </Alert>
      )}
      <AuditFilters query={query} options={{ actors: actorOptions, actions: actionOptions, customers }} exportHref={auditHref("/audit/export", query)} />
      <p className="mb-2 text-sm text-slate-600" data-testid="audit-total" aria-live="polite">
        {page.total === 1 ? "1 event" : `${page.total.toLocaleString("en")} events`}
        {filtered ? (page.total === 1 ? " matches the filters" : " match the filters") : " in this workspace"}
      </p>
      <AuditTable
        events={page.events}
        names={names}
        customers={pageCustomers}
        showCustomer
        empty={filtered ? "No events match these filters." : "No events recorded yet."}
      />
      {(page.newer || page.older) && (
        <nav aria-label="Audit log pages" className="mt-4 flex flex-wrap items-center justify-between gap-2">
          <div className="flex gap-2">
            {page.newer && (
              <>
                <Link className={buttonClassName({ variant: "ghost", size: "sm" })} href={auditHref("/audit", query)}>
                  Newest
                </Link>
                <Link className={buttonClassName({ variant: "outline", size: "sm" })} href={auditHref("/audit", query, { cursor: page.newer, dir: "newer" })} rel="prev">
                  Newer
                </Link>
              </>
            )}
          </div>
          {page.older && (
            <Link className={buttonClassName({ variant: "outline", size: "sm" })} href={auditHref("/audit", query, { cursor: page.older, dir: "older" })} rel="next">
              Older
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
