import Link from "next/link";
import { Button, buttonClassName } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { AuditQuery } from "@/lib/data/audit-query";
import { TimeZoneField } from "./time-zone-field";

type Choice = { value: string; label: string };

export interface AuditFilterOptions {
  actors: Choice[];
  actions: Choice[];
  customers: { id: string; name: string }[];
}

/** One filter picked from a list, or none of them ("Anyone", "Any action"). */
function ChoiceField({ label, name, value, any, choices }: { label: string; name: string; value: string | undefined; any: string; choices: Choice[] }) {
  return (
    <FormField label={label} className="lg:col-span-2">
      <Select name={name} defaultValue={value ?? ""}>
        <option value="">{any}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </Select>
    </FormField>
  );
}

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditFilters({ query, options, exportHref }: { query: AuditQuery; options: AuditFilterOptions; exportHref: string }) {
  const filtered = Boolean(query.q || query.actor || query.action || query.customer || query.from || query.to);
  return (
    <form role="search" aria-label="Filter the audit log" action="/audit" className="mb-4 grid gap-3 rounded-md border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-6">
      <FormField label="Search" className="sm:col-span-2 lg:col-span-2">
        <Input name="q" type="search" defaultValue={query.q} placeholder="Words, names, UPNs, error codes" />
      </FormField>
      <ChoiceField label="Person" name="actor" value={query.actor} any="Anyone" choices={options.actors} />
      <ChoiceField label="Action" name="action" value={query.action} any="Any action" choices={options.actions} />
      <ChoiceField label="Customer" name="customer" value={query.customer} any="Any customer" choices={options.customers.map((c) => ({ value: c.id, label: c.name }))} />
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
