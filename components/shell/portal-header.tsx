import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { signOutAction } from "@/lib/auth/sign-out-action";
import type { CurrentUser } from "@/lib/auth/current-user";
import { Brand } from "./brand";
import { NavLinks } from "./nav-links";
import { NavMenu } from "./nav-menu";

const ROLE_LABEL: Record<CurrentUser["role"], string> = { admin: "Admin", approver: "Approver", analyst: "Analyst" };

function Account({ user, testIds }: { user: CurrentUser; testIds: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <p className="text-sm font-medium text-slate-900" data-testid={testIds ? "user-name" : undefined}>
        {user.name}
      </p>
      <Badge tone={user.role === "admin" ? "brand" : "neutral"} data-testid={testIds ? "user-role" : undefined}>
        {ROLE_LABEL[user.role]}
      </Badge>
      <form action={signOutAction}>
        <Button type="submit" variant="outline" size="sm">
          Sign out
        </Button>
      </form>
    </div>
  );
}

// Wide screens show the account beside the brand and the sections on a row of their own below,
// which keeps nine sections on one line; below lg the sections and the account fold into one menu.
export function PortalHeader({ user, nav }: { user: CurrentUser; nav: { href: string; label: string }[] }) {
  return (
    <header className="relative border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3 sm:px-6 lg:pb-2">
        <div className="min-w-0 leading-tight">
          <Brand href="/dashboard" />
          <p className="ml-9 truncate text-xs text-slate-500" data-testid="workspace-name">
            {user.workspace.name}
          </p>
        </div>
        <div className="ml-auto max-lg:hidden">
          <Account user={user} testIds />
        </div>
        <NavMenu items={nav} account={<Account user={user} testIds={false} />} />
        <div className="-ml-2.5 basis-full max-lg:hidden">
          <NavLinks items={nav} />
        </div>
      </div>
    </header>
  );
}
