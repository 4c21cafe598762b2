import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { CurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getProvisioningView } from "@/lib/data/provisioning";
import { ProvisioningPanel } from "./provisioning-panel";

/** The customer page's Provisioning section: the page slots it in with one line. */
export async function ProvisioningSection({ user, customerId }: { user: CurrentUser; customerId: string }) {
  const view = await getProvisioningView(user, customerId);
  return (
    <Card className="mt-6" data-testid="provisioning-section">
      <CardHeader>
        <CardTitle>Provisioning</CardTitle>
        <CardDescription>
          Groups, Defender roles, the connected organization, the catalog and the access packages of the blueprint, built in the
          customer&apos;s tenant.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ProvisioningPanel initial={view} canApply={can(user, "provisioning:apply")} />
      </CardContent>
    </Card>
  );
}
