import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { listCustomers } from "@/lib/data/customers";
import { customerListQuerySchema } from "@/lib/onboarding/schemas";
import { AddCustomerDialog } from "./_components/add-customer-dialog";
import { CustomerPagination } from "./_components/customer-pagination";
import { CustomerTable } from "./_components/customer-table";

export const metadata = { title: "Customers" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CustomersPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePagePermission("customers:read");
  const query = customerListQuerySchema.parse(await searchParams);
  const result = await listCustomers(user, query);
  return (
    <>
      <PageHeader
        title="Customers"
        description="Each customer is one Microsoft Entra tenant your analysts protect. Add one, send its admin the consent link, and Gatehouse records the tenant once consent is proven."
        actions={can(user, "customers:write") ? <AddCustomerDialog /> : undefined}
      />
      <form role="search" className="mb-4 flex max-w-md gap-2" action="/customers">
        <Input name="q" type="search" defaultValue={query.q} placeholder="Search by name, domain or tenant id" aria-label="Search customers" className="min-w-0" />
        {query.sort && <input type="hidden" name="sort" value={query.sort} />}
        {query.dir && <input type="hidden" name="dir" value={query.dir} />}
        <Button type="submit" variant="outline">
          Search
        </Button>
      </form>
      <CustomerTable customers={result.items} query={query} />
      <CustomerPagination result={result} query={query} />
    </>
  );
}
