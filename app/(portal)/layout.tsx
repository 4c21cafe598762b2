import type { ReactNode } from "react";
import { DemoBanner } from "@/components/shell/demo-banner";
import { PortalHeader } from "@/components/shell/portal-header";
import { Toaster } from "@/components/ui/toast";
import { requirePageUser } from "@/lib/auth/page-guard";
import { permissionsOf } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { navigationFor } from "@/lib/navigation";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  const nav = navigationFor(permissionsOf(user.role)).map(({ href, label }) => ({ href, label }));
  return (
    <div className="flex min-h-screen flex-col">
      {env.GATEHOUSE_DEMO && <DemoBanner />}
      <PortalHeader user={user} nav={nav} />
      <main className="mx-auto w-full max-w-6xl min-w-0 flex-1 px-4 py-6 sm:px-6 sm:py-8">{children}</main>
      <Toaster />
    </div>
  );
}
