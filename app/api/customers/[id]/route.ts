import { withPermission } from "@/lib/auth/route";
import { getCustomer } from "@/lib/data/customers";

export const dynamic = "force-dynamic";

export const GET = withPermission<{ id: string }>("customers:read", async ({ user, params }) =>
  Response.json({ customer: await getCustomer(user, params.id) }),
);
