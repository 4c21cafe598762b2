"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { DetailList, DetailRow } from "@/components/ui/detail-list";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { LocalTime } from "@/components/ui/local-time";
import { DetailValueView } from "./detail-value";
import type { AuditRowView } from "./view";

/** Every recorded field of one event, in a side drawer. */
export function AuditEventDrawer({ row }: { row: AuditRowView }) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        {/* The longer name is text, not aria-label, so labels such as "Consent link" stay unique. */}
        <Button variant="outline" size="sm">
          Details<span className="sr-only"> of {row.actionLabel}, {row.at}</span>
        </Button>
      </DialogTrigger>
      <DialogContent className="top-0 right-0 left-auto h-full max-h-none w-full max-w-md translate-x-0 translate-y-0 grid-cols-[minmax(0,1fr)] content-start rounded-none border-y-0 border-r-0 [overflow-wrap:anywhere] sm:w-[28rem]">
        <DialogHeader>
          <DialogTitle>{row.actionLabel}</DialogTitle>
          <DialogDescription>
            <LocalTime date={row.at} display="both" className="whitespace-normal" />
          </DialogDescription>
        </DialogHeader>
        <DetailList>
          <DetailRow label="Who">
            {row.actorLabel}
            {row.actorLabel !== row.actor && <span className="block break-all font-mono text-xs text-slate-500">{row.actor}</span>}
          </DetailRow>
          <DetailRow label="Action">
            {row.actionLabel} <span className="font-mono text-xs text-slate-500">({row.action})</span>
          </DetailRow>
          {row.customer && (
            <DetailRow label="Customer">
              {row.customer.name ? <Link className="text-brand-700 underline-offset-4 hover:underline" href={`/customers/${row.customer.id}`}>{row.customer.name}</Link> : <span className="font-mono text-xs">{row.customer.id}</span>}
            </DetailRow>
          )}
          {row.target && !row.customer && (
            <DetailRow label="Target" mono>
              {row.target}
            </DetailRow>
          )}
          {row.fields.map((field) => (
            <DetailRow key={field.key} label={field.label}>
              <DetailValueView value={field.value} />
            </DetailRow>
          ))}
        </DetailList>
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600">Recorded data</summary>
          <pre className="mt-2 overflow-x-auto rounded-md bg-slate-50 p-3 text-xs text-slate-700">{row.json}</pre>
          <p className="mt-1 font-mono text-xs break-all text-slate-400">Event {row.id}</p>
        </details>
      </DialogContent>
    </Dialog>
  );
}
