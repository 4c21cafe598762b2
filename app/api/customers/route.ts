import { withPermission } from "@/lib/auth/route";
import { listCustomers } from "@/lib/data/customers";
import { customerListQuerySchema } from "@/lib/onboarding/schemas";

export const dynamic = "force-dynamic";

export const GET = withPermission("customers:read", async ({ request, user }) => {
  const query = customerListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ customers: await listCustomers(user, query) });
});
