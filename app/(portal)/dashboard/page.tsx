import { redirect } from "next/navigation";
import { Suspense } from "react";
import { PageSkeleton } from "@/components/access/page-skeleton";
import { DashboardView } from "@/components/access/dashboard-view";
import { PageHeader } from "@/components/shell/page-header";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePagePermission, requirePageUser } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { parseExpiryWindow } from "@/lib/access/urgency";
import { dashboardView, parseExpirySort, type ExpirySort, type ExpiryWindow } from "@/lib/data/access";

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
  // The permission is checked before anything streams (a loading.tsx would stream first, and a
  // refusal would then answer 200); the data streams in behind the skeleton.
  return (
    <>
      <PageHeader title="Dashboard" description={`${user.workspace.name} · who has access where, as of the last sync of each customer.`} />
      <Suspense key={`${window}-${sort}`} fallback={<PageSkeleton label="the dashboard" rows={5} />}>
        <Dashboard user={user} window={window} sort={sort} />
      </Suspense>
    </>
  );
}

async function Dashboard({ user, window, sort }: { user: CurrentUser; window: ExpiryWindow; sort: ExpirySort }) {
  const initial = await dashboardView(user, { withinDays: window, sort });
  return <DashboardView initial={initial} window={window} sort={sort} />;
}
