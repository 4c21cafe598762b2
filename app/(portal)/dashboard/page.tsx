import { redirect } from "next/navigation";
import { DashboardView } from "@/components/access/dashboard-view";
import { PageHeader } from "@/components/shell/page-header";
import { requirePagePermission, requirePageUser } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { parseExpiryWindow } from "@/lib/access/urgency";
import { dashboardView, parseExpirySort } from "@/lib/data/access";

export const metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Sign-in lands everyone here; analysts have no dashboard, their landing page is My access.
  const signedIn = await requirePageUser();
  if (!can(signedIn, "dashboard:read") && can(signedIn, "access:read-own")) redirect("/me");
  const user = await requirePagePermission("dashboard:read");
  const params = await searchParams;
  const window = parseExpiryWindow(params.window);
  const sort = parseExpirySort(params.sort);
  const initial = await dashboardView(user, { withinDays: window, sort });
  return (
    <>
      <PageHeader title="Dashboard" description={`${user.workspace.name} · who has access where, as of the last sync of each customer.`} />
      <DashboardView key={`${window}-${sort}`} initial={initial} window={window} sort={sort} />
    </>
  );
}
