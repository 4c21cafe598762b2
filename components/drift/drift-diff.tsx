import type { DriftItem } from "@/lib/provisioning/drift-classify";
import { SeverityBadge } from "./severity-badge";

const show = (value: unknown) => (value === undefined ? "—" : value === null ? "none" : typeof value === "string" ? value : JSON.stringify(value));

/** Each difference as tenant (removed) → blueprint (restored), worst first. */
export function DriftDiff({ items }: { items: DriftItem[] }) {
  return (
    <ul className="grid gap-2" data-testid="drift-items">
      {items.map((item, i) => (
        <li key={`${item.key}:${item.field ?? ""}:${i}`} className="rounded-md border border-slate-200 p-3 text-sm" data-severity={item.severity}>
          <div className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={item.severity} />
            <span className="font-mono text-xs text-slate-500">{item.key}{item.field ? ` · ${item.field}` : ""}</span>
            {!item.repairable && <span className="text-xs text-amber-700">needs a person</span>}
          </div>
          <p className="mt-1 text-slate-800">{item.message}</p>
          {item.href && (
            <a href={item.href} target="_blank" rel="noreferrer" className="mt-1 inline-block text-brand-700 break-all hover:underline">
              Open the request page in the customer&apos;s My Access
            </a>
          )}
          {(item.actual !== undefined || item.expected !== undefined) && (
            <div className="mt-2 grid gap-1 font-mono text-xs break-all">
              <span className="rounded bg-red-50 px-2 py-1 text-red-800">− tenant: {show(item.actual)}</span>
              <span className="rounded bg-emerald-50 px-2 py-1 text-emerald-800">+ blueprint: {show(item.expected)}</span>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
