import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { signOutAction } from "@/lib/auth/sign-out-action";
import type { CurrentUser } from "@/lib/auth/current-user";
import { Brand } from "./brand";
import { NavLinks } from "./nav-links";

const ROLE_LABEL: Record<CurrentUser["role"], string> = { admin: "Admin", approver: "Approver", analyst: "Analyst" };

export function PortalHeader({ user, nav }: { user: CurrentUser; nav: { href: string; label: string }[] }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-5 gap-y-2 px-6 py-3">
        <div className="leading-tight">
          <Brand href="/dashboard" />
          <p className="ml-9 text-xs text-slate-500" data-testid="workspace-name">
            {user.workspace.name}
          </p>
        </div>
        <NavLinks items={nav} />
        <div className="ml-auto flex items-center gap-2">
          <p className="text-sm font-medium text-slate-900" data-testid="user-name">
            {user.name}
          </p>
          <Badge tone={user.role === "admin" ? "brand" : "neutral"} data-testid="user-role">
            {ROLE_LABEL[user.role]}
          </Badge>
          <form action={signOutAction}>
            <Button type="submit" variant="outline" size="sm">
              Sign out
            </Button>
          </form>
        </div>
      </div>
    </header>
  );
}
