import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

/** A label/value list, as on a record's detail card. */
export function DetailList({ children, className }: { children: ReactNode; className?: string }) {
  return <dl className={cn("divide-y divide-slate-100", className)}>{children}</dl>;
}

export function DetailRow({ label, children, mono = false }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <div className="grid grid-cols-3 gap-4 py-2 text-sm">
      {/* overflow-wrap:anywhere lets a long token (an enum name, a URL) wrap instead of widening the page on a phone. */}
      <dt className="min-w-0 text-slate-500 [overflow-wrap:anywhere]">{label}</dt>
      <dd className={cn("col-span-2 min-w-0 text-slate-900 [overflow-wrap:anywhere]", mono && "break-all font-mono")}>{children}</dd>
    </div>
  );
}
