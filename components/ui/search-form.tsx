import type { ReactNode } from "react";
import { buttonClassName } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils/cn";

/**
 * A GET search of the page's list (`?q=`): works before hydration, keeps the other choices of the
 * view in hidden fields, and starts again from the first page.
 */
export function SearchForm({ id, label, defaultValue, keep = {}, className, inputClassName, children }: {
  id: string;
  /** what the box searches, also its placeholder */
  label: string;
  defaultValue: string | undefined;
  /** query parameters to carry over (a filter chosen beside the search) */
  keep?: Record<string, string | undefined>;
  className?: string;
  inputClassName?: string;
  /** shown after the button, inside the form (filter links) */
  children?: ReactNode;
}) {
  return (
    <form className={cn("mb-4 flex flex-wrap items-center gap-2", className)} role="search">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Input id={id} name="q" type="search" defaultValue={defaultValue ?? ""} placeholder={label} className={cn("w-full sm:w-80", inputClassName)} />
      {Object.entries(keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <button type="submit" className={buttonClassName({ variant: "outline" })}>
        Search
      </button>
      {children}
    </form>
  );
}
