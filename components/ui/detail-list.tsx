import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

/** A label/value list, as on a record's detail card. */
export function DetailList({ children, className }: { children: ReactNode; className?: string }) {
  return <dl className={cn("divide-y divide-slate-100", className)}>{children}</dl>;
}

export function DetailRow({ label, children, mono = false }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <div className="grid grid-cols-3 gap-4 py-2 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className={cn("col-span-2 break-words text-slate-900", mono && "break-all font-mono")}>{children}</dd>
    </div>
  );
}
