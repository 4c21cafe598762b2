import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

export function Table({ className, ...props }: ComponentProps<"table">) {
  return (
    <div className="relative w-full overflow-x-auto rounded-md border border-slate-200 bg-white shadow-sm">
      <table className={cn("w-full caption-bottom border-collapse text-sm", className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("bg-slate-50 [&_tr]:border-b [&_tr]:border-slate-200", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return (
    <tr
      className={cn("border-b border-slate-100 transition-colors hover:bg-slate-50/70 data-[state=selected]:bg-brand-50", className)}
      {...props}
    />
  );
}

export function TableHead({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return (
    <th
      scope={scope}
      className={cn(
        "h-10 px-4 text-left align-middle text-xs font-semibold uppercase tracking-wide whitespace-nowrap text-slate-500",
        className,
      )}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("px-4 py-3 align-middle text-slate-700", className)} {...props} />;
}

export function TableCaption({ className, ...props }: ComponentProps<"caption">) {
  return <caption className={cn("px-4 py-3 text-left text-sm text-slate-500", className)} {...props} />;
}

type TableEmptyProps = {
  /** Number of columns the message row spans. */
  colSpan: number;
  children?: ReactNode;
  className?: string;
};

/** A single full-width row for an empty table body. */
export function TableEmpty({ colSpan, children = "Nothing to show yet.", className }: TableEmptyProps) {
  return (
    <tr className="hover:bg-transparent">
      <td colSpan={colSpan} className={cn("px-4 py-10 text-center text-sm text-slate-500", className)}>
        {children}
      </td>
    </tr>
  );
}

/**
 * Stacked rows below md (phones): pass to <Table>, each <TableRow> and each <TableCell>, and
 * hide the <TableHeader> with `max-md:hidden`. A cell with `data-label` shows its label first.
 */
export const stackedTable = "max-md:block max-md:[&_tbody]:block";
export const stackedRow = "max-md:grid max-md:grid-cols-1 max-md:gap-1 max-md:px-4 max-md:py-3";
export const stackedCell =
  "max-md:p-0 max-md:before:mr-2 max-md:before:text-xs max-md:before:font-semibold max-md:before:uppercase max-md:before:tracking-wide max-md:before:text-slate-500 max-md:before:content-[attr(data-label)]";
