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
      <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">{children}</main>
      <Toaster />
    </div>
  );
}
