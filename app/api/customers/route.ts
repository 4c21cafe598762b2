import { withPermission } from "@/lib/auth/route";
import { listCustomers } from "@/lib/data/customers";
import { customerListQuerySchema } from "@/lib/onboarding/schemas";

export const dynamic = "force-dynamic";

export const GET = withPermission("customers:read", async ({ request, user }) => {
  const query = customerListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { items, ...page } = await listCustomers(user, query);
  return Response.json({ customers: items, ...page });
});
