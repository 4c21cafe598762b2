"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { PreviewPage } from "@/lib/rollout/preview";

async function fetchPreview(page: number): Promise<PreviewPage> {
  const response = await fetch(`/api/rollouts/preview?page=${page}`, { cache: "no-store" });
  const body = (await response.json().catch(() => null)) as (PreviewPage & { error?: { message: string } }) | null;
  if (!response.ok || !body) throw new Error(body?.error?.message ?? "The preview could not be read. Try again.");
  return body;
}

/** What the active blueprint would change, per customer, read from the tenants one page at a time. */
export function RolloutPreview() {
  const [page, setPage] = useState(1);
  const query = useQuery({ queryKey: ["rollout-preview", page], queryFn: () => fetchPreview(page), staleTime: 60_000, retry: false });
  if (query.isPending) return <SkeletonRows rows={4} label="Reading the customers' tenants" />;
  if (query.isError) {
    return (
      <Alert tone="danger" title="The preview could not be read">
        {query.error.message}
      </Alert>
    );
  }
  const preview = query.data;
  const changing = preview.customers.filter((c) => c.changes.length > 0 || c.blocked || c.error);
  if (preview.pages === 1 && changing.length === 0) {
    return (
      <EmptyState
        title="Nothing changes"
        description={preview.total === 0 ? "No customer is provisioned yet." : `All ${preview.total} customer(s) already match blueprint version ${preview.blueprintVersion}.`}
      />
    );
  }
  return (
    <div className="grid gap-3">
      <p className="text-sm text-slate-600" data-testid="preview-page">
        Customers {(preview.page - 1) * preview.pageSize + 1}–{(preview.page - 1) * preview.pageSize + preview.customers.length} of {preview.total}
        {changing.length === 0 && ": nothing changes for these."}
      </p>
      <ul className="grid gap-2" data-testid="rollout-preview">
        {preview.customers.map((c) => (
          <li key={c.customerId} className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <Link href={`/customers/${c.customerId}`} className="font-medium break-all text-brand-700 hover:underline">
                {c.displayName}
              </Link>
              {c.error ? <Badge tone="danger">unreadable</Badge> : c.blocked ? <Badge tone="warning">blocked</Badge> : c.changes.length ? <Badge tone="info">{c.changes.length} change(s)</Badge> : <Badge tone="success">no change</Badge>}
            </div>
            {(c.error ?? c.blocked) && <p className="mt-1 break-words text-slate-700">{c.error ?? c.blocked}</p>}
            {c.changes.length > 0 && (
              <ul className="mt-1 grid gap-0.5 text-slate-700">
                {c.changes.map((change) => (
                  <li key={change.key} className="break-words">
                    <span className="font-medium">{change.action}</span> {change.title}
                    {change.fields.length > 0 && <span className="text-slate-500"> ({change.fields.join(", ")})</span>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {preview.pages > 1 && (
        <nav className="flex items-center justify-between gap-2" aria-label="Preview pages">
          <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            Previous
          </Button>
          <span className="text-sm text-slate-600">
            Page {preview.page} of {preview.pages}
          </span>
          <Button variant="outline" size="sm" disabled={page >= preview.pages} onClick={() => setPage((p) => p + 1)}>
            Next
          </Button>
        </nav>
      )}
    </div>
  );
}
