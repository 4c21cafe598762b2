import Link from "next/link";
import { Button, buttonClassName } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { AuditQuery } from "@/lib/data/audit-query";
import { TimeZoneField } from "./time-zone-field";

export interface AuditFilterOptions {
  actors: { value: string; label: string }[];
  actions: { value: string; label: string }[];
  customers: { id: string; name: string }[];
}

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditFilters({ query, options, exportHref }: { query: AuditQuery; options: AuditFilterOptions; exportHref: string }) {
  const filtered = Boolean(query.q || query.actor || query.action || query.customer || query.from || query.to);
  return (
    <form role="search" aria-label="Filter the audit log" action="/audit" className="mb-4 grid gap-3 rounded-md border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-6">
      <FormField label="Search" className="sm:col-span-2 lg:col-span-2">
        <Input name="q" type="search" defaultValue={query.q} placeholder="Words, names, UPNs, error codes" />
      </FormField>
      <FormField label="Person" className="lg:col-span-2">
        <Select name="actor" defaultValue={query.actor ?? ""}>
          <option value="">Anyone</option>
          {options.actors.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField label="Action" className="lg:col-span-2">
        <Select name="action" defaultValue={query.action ?? ""}>
          <option value="">Any action</option>
          {options.actions.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField label="Customer" className="lg:col-span-2">
        <Select name="customer" defaultValue={query.customer ?? ""}>
          <option value="">Any customer</option>
          {options.customers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField label="From">
        <Input name="from" type="date" defaultValue={query.from} />
      </FormField>
      <FormField label="To">
        <Input name="to" type="date" defaultValue={query.to} />
      </FormField>
      <TimeZoneField />
      <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-2">
        <Button type="submit">Apply</Button>
        {filtered && (
          <Link href="/audit" className={buttonClassName({ variant: "ghost" })}>
            Clear filters
          </Link>
        )}
        <a href={exportHref} className={buttonClassName({ variant: "outline", className: "sm:ml-auto" })} download>
          Export CSV
        </a>
      </div>
    </form>
  );
}
